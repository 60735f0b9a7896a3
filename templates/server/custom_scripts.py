"""bso-xl has no scripts (task-pane buttons): the add-in adds the Excel functions only."""
