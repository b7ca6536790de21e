"""The projector view's Qt-free core: states, content, layout decisions, themes, screens."""
