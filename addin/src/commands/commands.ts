/**
 * Function file of the ribbon. The only button opens the task pane (ShowTaskpane), which Office
 * handles itself; the file still has to initialise office.js so Office considers it ready.
 */
if (typeof Office !== 'undefined') void Office.onReady()
