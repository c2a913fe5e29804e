// The demo logins printed by `npm run demo`. Accounts arrive with the identity capability;
// until then the demo has public pages only.
export function demoLogins() {
  return ['  Demo logins: none yet — accounts and roles come with the identity capability.']
}
