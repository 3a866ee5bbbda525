/** The longest abort note, in UTF-8 bytes: the watch carries it once, in its state and messages. */
export const MAX_NOTE_BYTES = 1024;
