/** The ports `npm start` uses unless told otherwise (printed by --help). */
export const defaultPorts = {
  aws: 3001,
  azure: 3002,
  /**
   * The local OIDC issuer. Fixed by default because the owner of a note is the token's issuer URL +
   * subject: with the same port, the notes kept in .local/ belong to the same users after a restart.
   */
  issuer: 3003,
};
