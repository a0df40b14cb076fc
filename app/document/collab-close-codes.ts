/**
 * Close codes of the collaboration socket that the editor explains to its user. They live here,
 * not in `server/collab/close-codes.ts`, because app code never imports the server; the server's
 * table refers to these.
 */

/**
 * The server refused a change because it would take the document outside the editor's schema
 * (4422, after HTTP 422). Final: the y-websocket client does not reconnect on 4400-4499, as
 * resending the same change would only be refused again.
 */
export const UPDATE_REFUSED_CLOSE_CODE = 4422

/**
 * The reason of a 4422 close when the update was a direct edit from someone who may only propose
 * (a commentator, or anyone while the pact is in suggestion-only mode), so the editor can say so
 * even when the page did not know yet (the mode was switched on while it was open). Dutch, like
 * every message to the user; a close reason is at most 123 bytes.
 */
export const SUGGESTION_REFUSED_REASON = 'Alleen eigen voorstellen zijn toegestaan'
