"""The Textual app: screens and widgets over the core (library, search, quiz); no logic of its own."""
