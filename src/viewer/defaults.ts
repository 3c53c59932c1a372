/** Where `crosscheck view` listens unless told otherwise (loopback only). */
export const VIEWER_HOST = '127.0.0.1';
export const DEFAULT_VIEWER_PORT = 7340;
export const DEFAULT_VIEWER_URL = `http://${VIEWER_HOST}:${DEFAULT_VIEWER_PORT}`;
