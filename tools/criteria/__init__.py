"""Rules as data: one YAML file per jurisdiction (a package so the files ship as package data)."""
