// profconv flame graph script: filled in by the flame graph work.
