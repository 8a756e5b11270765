"""The community learning centre (Trung tâm học tập cộng đồng, TTHTCĐ) of each commune and its
activity log: domain rules (`domain`), storage (`repository`), summaries (`summary`), the Excel sheet
`TTHTCD` and log export (`xlsx`), and the `clc` commands of the CLI (`cli`)."""
