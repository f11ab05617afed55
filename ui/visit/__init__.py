"""The visit record (biên bản buổi làm việc): one module per tab of ``pages/visit.py``, each
with ``render(detail, reads, writes)``, and the pieces they share: the conflict display,
undo of a delete, and the follow-up of a recommendation (also used by the tracker)."""
