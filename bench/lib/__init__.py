"""The parts of bench/run, each readable on its own (bench/README.md, "The driver")."""
