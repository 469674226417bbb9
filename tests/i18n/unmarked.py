"""Find strings a person reads that are not marked for translation (issue 13), for
tests/i18n/test_catalogues.py. Each finder returns every offence as "path:line: text", so one run
lists all of them.

Python (AST): string literals given as verbose_name, verbose_name_plural, label, help_text,
empty_label (keyword or Meta attribute), the labels of choices (TextChoices members and
`choices=[(value, "Label")]`), the message of messages.success/error/info/warning/debug and
`message_user`, and the first argument of DomainError, RuleDenied, ValidationError and their
subclasses, when not wrapped in _()/gettext*/ngettext*/pgettext*.

Templates: the text between tags (and the alt, title, aria-label, placeholder attributes) outside
{% translate %}/{% blocktranslate %}, comments, <script> and <style>, when it has letters left once
the few names that are never translated (ALLOWED) are taken out."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import tag_re

ROOT = Path(__file__).resolve().parents[2]
APPS = tuple(
    app
    for app in (
        "kernel",
        "people",
        "governance",
        "thematic_groups",
        "kpis",
        "index",
        "meetings",
        "reminders",
        "portal",
        "api",
    )
    if (ROOT / app).is_dir()
)

TRANSLATING = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
LABEL_KEYWORDS = {"verbose_name", "verbose_name_plural", "label", "help_text", "empty_label"}
MESSAGE_FUNCTIONS = {"success", "error", "info", "warning", "debug"}
ERROR_CLASSES = {"DomainError", "RuleDenied", "ValidationError", "Denied"}

# Names and signs that read the same in every language.
ALLOWED = (
    "U4SSC",
    "UN-Habitat",
    "UNECE",
    "ITU",
    "KPI",
    "KPIs",
    "ToR",
    "PDF",
    "API",
    "OpenAPI",
    "RSS",
    "Atom",
    "©",
)
LETTER = re.compile(r"[^\W\d_]")
RULE_CODE = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")


FILE_NAME = re.compile(r"(?<![\w-])[\w-]+\.(json|csv|xlsx|ics|pdf|xml|txt)(?![\w-])")


def has_words(text: str) -> bool:
    text = FILE_NAME.sub(" ", text)  # datapackage.json, kpis.csv: names, the same in every language
    for name in ALLOWED:
        text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", text)
    return bool(LETTER.search(text))


def python_files() -> list[Path]:
    files = []
    for app in APPS:
        files += [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]
    return sorted(files)


def _is_translated(node: ast.AST) -> bool:
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        return name in TRANSLATING
    return False


def _literal_text(node: ast.AST) -> str | None:
    """The words of a literal a person would read (a str, an f-string, "a" + x, "a %s" % x)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        left, right = _literal_text(node.left), _literal_text(node.right)
        if left is not None or right is not None:
            return (left or "") + (right or "")
    return None


def _error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """DomainError, RuleDenied, ValidationError and every class derived from them in the code."""
    names = set(ERROR_CLASSES)
    grew = True
    while grew:
        grew = False
        for tree in trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in names:
                    bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
                    if bases & names:
                        names.add(node.name)
                        grew = True
    return names


def _choices_class(node: ast.ClassDef) -> bool:
    bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
    return bool(bases & {"TextChoices", "IntegerChoices", "Choices"})


class _Finder(ast.NodeVisitor):
    def __init__(self, path: Path, errors: set[str]):
        self.path, self.errors, self.found = path, errors, []

    def offend(self, node: ast.AST, text: str) -> None:
        if RULE_CODE.match(text):  # RuleDenied("meeting.frame_agenda"): a rule's code, worded by the rulebook
            return
        if has_words(text):
            rel = self.path.relative_to(ROOT)
            self.found.append(f"{rel}:{node.lineno}: {text.strip()[:80]!r}")

    def check(self, node: ast.AST) -> None:
        if node is None or _is_translated(node):
            return
        text = _literal_text(node)
        if text is not None:
            self.offend(node, text)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for item in node.body:
            if not isinstance(item, ast.Assign):
                continue
            names = {t.id for t in item.targets if isinstance(t, ast.Name)}
            if node.name == "Meta" and names & {"verbose_name", "verbose_name_plural"}:
                self.check(item.value)
            elif _choices_class(node) and isinstance(item.value, ast.Tuple) and len(item.value.elts) >= 2:
                self.check(item.value.elts[-1])  # NAME = "value", "Label"
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        for keyword in node.keywords:
            if keyword.arg in LABEL_KEYWORDS:
                self.check(keyword.value)
            elif keyword.arg == "choices" and isinstance(keyword.value, (ast.List, ast.Tuple)):
                for pair in keyword.value.elts:
                    if isinstance(pair, ast.Tuple) and len(pair.elts) == 2:
                        self.check(pair.elts[1])
        owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
        if (
            owner == "messages"
            and name in MESSAGE_FUNCTIONS
            and len(node.args) >= 2
            or name == "message_user"
            and len(node.args) >= 2
        ):
            self.check(node.args[1])
        elif name in self.errors and node.args:
            self.check(node.args[0])
        self.generic_visit(node)


def unmarked_python_strings() -> list[str]:
    trees = {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in python_files()}
    errors = _error_classes(trees)
    found = []
    for path, tree in trees.items():
        finder = _Finder(path, errors)
        finder.visit(tree)
        found += finder.found
    return found


# Templates ---------------------------------------------------------------------------------

TEXT_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}
OPENS = re.compile(r"{%\s*(blocktranslate|blocktrans|comment|verbatim)\b")
CLOSES = {
    "blocktranslate": "endblocktranslate",
    "blocktrans": "endblocktrans",
    "comment": "endcomment",
    "verbatim": "endverbatim",
}
HOLE = "\x00"  # where a {{ variable }} or {% tag %} was: not a letter, so never an offence


# Templates made only of template logic, whose very tag name is a variable (no words to mark).
NO_TEXT_TEMPLATES = {"allauth/elements/button.html"}


def template_files() -> list[Path]:
    folder = ROOT / "templates"
    found = [*folder.rglob("*.html"), *folder.rglob("*.txt")]
    return sorted(p for p in found if str(p.relative_to(folder)) not in NO_TEXT_TEMPLATES)


def skeleton(source: str) -> str:
    """The template's literal text, with every tag, and every region whose text is translated or
    never shown (blocktranslate, comment, verbatim), replaced by holes; line numbers are kept."""
    out, closing = [], None
    for bit in tag_re.split(source):
        keep_lines = "\n" * bit.count("\n")
        if closing:
            out.append(HOLE + keep_lines)
            if re.match(rf"{{%\s*{closing}\b", bit):
                closing = None
            continue
        if bit.startswith(("{%", "{{", "{#")):
            opened = OPENS.match(bit)
            if opened:
                closing = CLOSES[opened.group(1)]
            out.append(HOLE + keep_lines)
        else:
            out.append(bit)
    text = "".join(out)
    # A tag whose name or attributes come from the template (<h{{ level }}, <option{% if %} selected…):
    # the hole after the name goes, the others inside the tag become spaces, so the HTML parser
    # still reads it as a tag and never as words.
    text = re.sub(r"<([a-zA-Z][a-zA-Z0-9]*)" + HOLE, r"<\1", text)
    return re.sub(r"<[a-zA-Z][^<>]*>", lambda tag: tag.group(0).replace(HOLE, " "), text)


class _TextFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in TEXT_ATTRIBUTES and value and has_words(value.replace(HOLE, " ")):
                self.found.append((self.getpos()[0], f"{name}={value.replace(HOLE, '…')}"))

    def handle_data(self, data):
        if self.lasttag in ("script", "style"):
            return
        text = data.replace(HOLE, " ")
        if has_words(text):
            line = self.getpos()[0] + len(data) - len(data.lstrip("\n"))
            self.found.append((line, " ".join(text.split())))


def unmarked_template_text() -> list[str]:
    found = []
    for path in template_files():
        finder = _TextFinder()
        finder.feed(skeleton(path.read_text(encoding="utf-8")))
        finder.close()
        rel = path.relative_to(ROOT)
        found += [f"{rel}:{line}: {text[:80]!r}" for line, text in finder.found]
    return found
