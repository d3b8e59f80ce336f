import SearchIcon from '@mui/icons-material/Search';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';

/** The search field, sending its text once the user pauses typing. */
export function SearchBox(props: { value: string; onSearch: (q: string) => void }) {
  const { value, onSearch } = props;
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useDebounce(
    () => {
      if (text.trim() !== value.trim()) onSearch(text);
    },
    400,
    [text],
  );
  return (
    <TextField
      fullWidth
      size="small"
      type="search"
      placeholder="Search titles, context and decisions"
      value={text}
      onChange={event => setText(event.target.value)}
      inputProps={{ 'aria-label': 'Search decisions', maxLength: 200 }}
      InputProps={{
        startAdornment: (
          <InputAdornment position="start">
            <SearchIcon fontSize="small" />
          </InputAdornment>
        ),
      }}
    />
  );
}
