"""The minutes (compte rendu): one description, written as Markdown and .docx."""
