"""The Textual user interface. It draws what ``hamish.core`` computes and never computes text
layout itself."""
