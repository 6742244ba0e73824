"""Minutes written for the history tests (not copied from the archive): three consecutive
2024-style meetings and one 2019-style meeting."""

MEETING_A = """\
# OSG Technology Area Meeting, 9 January 2024

-   **Coordinates:** Conference: +1-555-0100, PIN: 1,
    <https://example.zoom.us/j/1> (password sent separately)
-   **Attending:** Alice, BrianL, Carol

## Announcements

-   Alice OOO Friday

### Triage Duty

Triage duty shifts Tue-Mon

-   This week: Carol
-   Next week: Alice
-   5 (+1) open FreshDesk tickets (since 1/2)
-   1 (+0) open GGUS ticket

### Jira (as of Monday morning)

| # of tickets | &Delta; | State            |
|--------------|---------|------------------|
| 200          | +2      | Open             |
| 15           | +0      | Selected for Dev |
| 30           | -3      | In Progress      |

## OSG Software Team

-   XCache:
    -   AI (BrianL): package the xcache consistency checker
    -   AI (Alice, Carol): write the origin upgrade guide
-   AI (Brian): review the gratia probe pull requests (in progress)
-   AI (Carol): rotate the CA certificates (done)
    -   needs the new IGTF bundle
-   Blahp unification: mirroring to GitHub complete

### Discussion

-   AI (Dave): send the EL9 migration survey

### Support Update

-   ATLAS (Alice): accounting audit continues

## OSG Release Team

-   Ready for Release:
    -   pelican-7.4.0
-   Ready for Testing:
    -   None this week

### Discussion

None this week
"""

MEETING_B = """\
# OSG Technology Area Meeting, 16 January 2024

-   **Coordinates:** Conference: +1-555-0100, PIN: 1,
    <https://example.zoom.us/j/1> (password sent separately)
-   **Attending:** Alice, BrianL, Carol, Dave

## Announcements

None this week

### Triage Duty

Triage duty shifts Tue-Mon

-   This week: Alice
-   Next week: Carol
-   7 (+2) open FreshDesk tickets
-   ? (+?) open GGUS ticket

### Jira (as of Monday morning)

| # of tickets | &Delta; | State            |
|--------------|---------|------------------|
| 203          | ?       | Open             |
| 15           | +0      | Selected for Dev |
| 31           | +1      | In Progress      |
| 4            | +4      | Dev Complete     |

## OSG Software Team

-   XCache:
    -   AI (BrianL): package the xcache consistency checker
    -   AI (Alice, Carol): write the origin upgrade guide for OSG 23
-   AI (BrianL): review the gratia probe pull requests (in progress)
-   AI (Carol): build the new osg-token-renewer
-   Blahp unification: mirroring to GitHub complete

### Discussion

None this week

### Support Update

-   CMS (Dave): token transition questions

## OSG Release Team

-   Ready for Release:
    -   None this week
-   Ready for Testing:
    -   xrootd-5.6.4

### Discussion

None this week
"""

MEETING_C = """\
# OSG Technology Area Meeting, 23 January 2024

-   **Coordinates:** Conference: +1-555-0100, PIN: 1,
    <https://example.zoom.us/j/1> (password sent separately)
-   **Attending:** Alice, Carol, Dave

## Announcements

None this week

### Triage Duty

Triage duty shifts Tue-Mon

-   This week: Carol
-   Next week: Dave
-   6 (-1) open FreshDesk tickets
-   2 (+1) open GGUS ticket

### Jira (as of Monday morning)

| # of tickets | &Delta; | State            |
|--------------|---------|------------------|
| 201          | -2      | Open             |
| 14           | -1      | Selected for Dev |
| 31           | +0      | In Progress      |
| 5            | +1      | Dev Complete     |

## OSG Software Team

-   XCache:
    -   AI (BrianL): package the xcache consistency checker (done)
    -   AI (Alice, Carol): write the origin upgrade guide for OSG 23
-   AI (Carol): build the new osg-token-renewer (in progress)

### Discussion

None this week

### Support Update

None this week

## OSG Release Team

-   Ready for Release:
    -   xrootd-5.6.4
-   Ready for Testing:
    -   None this week

### Discussion

None this week
"""

MEETING_2019 = """\
# OSG Technology Area Meeting,  3 June 2019

**Coordinates:** Conference: 555-0100, PIN: 1234; <https://example.org/meet>  
**Attending:** Alice, BobL, Carol Q <!--Alice, BobL, Carol Q, Dave, Eve-->


## Announcements

Alice OOO Friday  


### Triage Duty

-   This week: BobL
-   Next week: Carol Q (???)
-   4 (+1) open FreshDesk tickets
-   0 (&minus;2) open GGUS ticket


### JIRA

| # of tickets | &Delta; | State             |
|------------ |------- |----------------- |
| 150          | +3      | Open              |
| 20           | -1      | In Progress       |


## OSG Software Team

-   XRootD:  
    -   AI (Alice, BobL): package the new plugin (SOFTWARE-1234)
    -   AI (Dave): review the pull request [IN PROGRESS]
-   Certificates rotated on the ITB hosts [DONE]  
    -   itb-ce1 and itb-ce2
-   A long bullet that wraps
    onto a continuation line


## OSG Release Team

| 3.4.31 | &Delta; | Status            |
|------ |------- |----------------- |
| 10     | +1      | Open              |
| 24     | +2      | Total             |

-   OSG 3.4.31  
    -   Ready for Testing  
        -   cctools 7.0.13
"""
