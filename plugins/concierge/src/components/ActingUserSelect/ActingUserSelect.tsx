import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import { ConciergeIdentity } from '@souverain/plugin-concierge-common';
import { shortRef } from '../../lib/format';

/** Props of {@link ActingUserSelect}. */
export interface ActingUserSelectProps {
  identity: ConciergeIdentity;
  /** The demo user acted as; undefined for the signed-in user. */
  actingUser?: string;
  onChange: (userEntityRef: string | undefined) => void;
}

/**
 * Local demo mode only: act as another demo user, to play requester and approver from one
 * browser. Shown only when the backend offers demo users.
 */
export function ActingUserSelect(props: ActingUserSelectProps) {
  const { identity, actingUser, onChange } = props;
  const { signedInAs, demoUsers = [] } = identity;
  if (!demoUsers.length) return null;
  const users = [signedInAs, ...demoUsers.filter(user => user !== signedInAs)];
  const value = actingUser && users.includes(actingUser) ? actingUser : signedInAs;
  return (
    <FormControl size="small" sx={{ minWidth: 260 }}>
      <InputLabel id="concierge-acting-as-label">Acting as (demo)</InputLabel>
      <Select
        labelId="concierge-acting-as-label"
        label="Acting as (demo)"
        value={value}
        onChange={e => onChange(e.target.value === signedInAs ? undefined : e.target.value)}
      >
        {users.map(user => (
          <MenuItem key={user} value={user}>
            {user === signedInAs ? `${shortRef(user)} (you)` : shortRef(user)}
          </MenuItem>
        ))}
      </Select>
      <FormHelperText>
        Demo feature: local mode only, requests are made as this user.
      </FormHelperText>
    </FormControl>
  );
}
