from tests.decisions.conftest import tor_v1  # noqa: F401  (a ToR in force, for the PDF of a diff)
from tests.meetings.conftest import fifth  # noqa: F401, E402  (the fifth annual meeting, for its report)
