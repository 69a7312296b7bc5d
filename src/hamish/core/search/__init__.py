"""Arabic-aware search: fold spellings together, find, and map hits back to the original text.

Import what you need from its modules (``find``, ``normalised``, ``annotations``...): the
package itself imports none of them, so a part of hamish that needs one (the reader's search
matches) does not load them all.
"""
