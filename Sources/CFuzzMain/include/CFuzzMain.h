// Intentionally empty: CFuzzMain only supplies the executable's entry point.
