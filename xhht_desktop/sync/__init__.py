"""Sync between installations: keys, the package format, export, the Department's merge.

A commune or district exports a signed (Ed25519, minisign format) and encrypted (age, X25519)
package; the Department decrypts, verifies, checks and merges it. See docs/sync-format.md.
"""
