"""The Terugkoppeling page: capture of feedback rounds, pitches and discussions."""
