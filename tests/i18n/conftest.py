from tests.decisions.conftest import tor_v1  # noqa: F401  (a ToR in force, for the PDF of a diff)
