import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  word: {
    fill: '#ffffff',
    fontFamily: 'Helvetica, Arial, sans-serif',
    fontWeight: 700,
  },
});

/** A shield: the portal guards access, decisions and budgets. */
function Shield({ x = 0 }: { x?: number }) {
  return (
    <g transform={`translate(${x} 0)`}>
      <path
        d="M14 2 L26 6 V15 C26 22 20.5 27 14 29 C7.5 27 2 22 2 15 V6 Z"
        fill="#7df3e1"
      />
      <path
        d="M9 15.5 L12.5 19 L19.5 11.5"
        stroke="#171717"
        strokeWidth="2.6"
        fill="none"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </g>
  );
}

export const LogoFull = () => {
  const classes = useStyles();
  return (
    <svg viewBox="0 0 170 32" height={30} role="img" aria-label="Souverain">
      <Shield />
      <text x="34" y="22" fontSize="20" className={classes.word}>
        Souverain
      </text>
    </svg>
  );
};

export const LogoIcon = () => (
  <svg viewBox="0 0 28 32" height={28} role="img" aria-label="Souverain">
    <Shield />
  </svg>
);
