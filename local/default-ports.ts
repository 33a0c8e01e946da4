/** The ports `npm start` uses unless told otherwise (printed by --help). */
export const defaultPorts = { aws: 3001, azure: 3002 };
