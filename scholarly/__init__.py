"""Model-free helpers for scholarly metadata: languages, identifiers, licences, rich
text and the CSL citation engine.

The lowest layer of the project (see `.importlinter`): it imports Django and
libraries only, never an app of the project, and has no models.
"""
