"""The draft convention of a cooperation, assembled from what the project holds.

`parts` names the parts and what an exercise hands to one; `settings` keeps the
clauses the facilitator types and the hidden-issues checklist; `builder` puts
the draft together as blocks; `export` writes it as a .docx with the minutes'
safety rules (`atelier export PROJECT --convention OUT.docx`, or the cockpit's
export dialog).
"""
