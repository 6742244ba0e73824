"""Minutes written for the tests (not copied from the archive), in the archive's styles."""

MINUTES_2019 = """\
# OSG Technology Area Meeting,  3 June 2019

**Coordinates:** Conference: 555-0100, PIN: 1234; <https://example.org/meet>  
**Attending:** Alice, BobL, Carol Q, Dave


## Announcements

-   Alice OOO Friday  


### Triage Duty

-   This week: BobL
-   Next week: Carol Q
-   4 (+1) open FreshDesk tickets
-   0 (&minus;2) open GGUS ticket (since 5/28)


### JIRA

| # of tickets | &Delta; | State             |
|------------ |------- |----------------- |
| 150          | +3      | Open              |
| 20           | -1      | In Progress       |
| 5            | +0      | Ready for Testing |
| ?            | ?       | Ready for Release |


## OSG Software Team

-   XRootD:  
    -   AI (Alice, BobL): Package the new plugin (SOFTWARE-1234)
    -   AI(Dave): Review the [RFE] pull request [IN PROGRESS]
-   A long bullet that wraps
    onto a continuation line
-   AI: nobody owns this one
-   RE: AI (Carol Q): reply to the mailing list (done)

### Discussion

    None this week


## OSG Release Team

| 3.4.31 | &Delta; | Both | &Delta; | 3.5.0 | &Delta; | Total | &Delta; | Status            |
| ------ | ------- | ---- | ------- | ----- | ------- | ----- | ------- | ----------------- |
| 1      | +0      | 0    | +0      | 2     | +2      | 3     | +2      | Open              |
| 4      | -1      | 1    | +1      | 0     | +0      | 5     | +0      | Ready for Testing |
| 5      | -1      | 1    | +1      | 2     | +2      | 8     | +2      | Total             |

-   OSG 3.4.31  
    -   Ready for Testing  
        -   cctools 7.0.13
        -   xrootd-plugin 1.0
    -   Ready for Release  
        -   Nothing
<!-- roster: Alice, BobL, Carol Q, Dave, Eve -->
"""

MINUTES_2024 = (
    "# OSG Technology Area Meeting, 26 November 2024\n"
    "\n"
    "-   **Coordinates:** Conference: +1-555-0100, PIN: 1,\n"
    "    <https://example.zoom.us/j/1> (password sent separately)\n"
    "-   **Attending:** Alice, Bob\n"
    "\n"
    "## Announcements\n"
    "\n"
    "### Triage Duty\n"
    "\n"
    "Triage duty shifts Tue-Mon\n"
    "\n"
    "-   This week: Bob\n"
    "-   Next week: Alice?\n"
    "-   10 (+2) open FreshDesk tickets\r\n"
    "\n"
    "### Jira (as of Monday morning)\n"
    "\n"
    "| # of tickets | &Delta; | State             |\n"
    "|--------------|---------|-------------------|\n"
    "| 223          | +2      | Open              |\n"
    "| 17           | +0      | Selected for Dev  |\n"
    "\n"
    "## OSG Software Team\n"
    "\n"
    "Clean-up:\n"
    "- AI (Alice): prepare `server` for release  \n"
    "  - nested with two spaces\r\n"
    "    \n"
    "-   \n"
    "## DevOps\n"
    "\n"
    "None this week"
)
