"""Excel in and out: exports written with XlsxWriter, imports read safely with openpyxl.

Nothing here imports Streamlit or talks to the database: builders take plain data and
return bytes; readers take bytes and return plain data and errors.
"""
