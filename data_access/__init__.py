"""Database layer: models, engine and sessions, migrations, reads and writes.

Nothing here imports Streamlit; every function returns plain data.
"""
