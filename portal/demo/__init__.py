"""Demo data for the portal: the Partners of ToR Annex II, the ToR in force, the Thematic
Groups and the Fifth meeting of the U4SSC (9 October 2020), taken from the reference texts,
plus demo accounts. `portal.demo.loader.load_demo()` loads it idempotently; the
`load_demo` management command (called by `make run`) prints the accounts."""
