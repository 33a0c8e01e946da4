/** The environment variable that turns the peers' request lines on (value `console`): bench/peers/first-response.ts sets it. */
export const PEER_REQUEST_LOG = 'PEER_REQUEST_LOG';
