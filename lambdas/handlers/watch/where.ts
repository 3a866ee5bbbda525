/**
 * The account and region of a watch as the configuration names them, for records and messages:
 * absent for the account or region Preflight runs in, as the history expects.
 */
export function where(account: string | undefined, region: string | undefined) {
  return {
    ...(account === undefined ? {} : { account }),
    ...(region === undefined ? {} : { region }),
  };
}
