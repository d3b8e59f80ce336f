import '@testing-library/jest-dom';

// findBy / waitFor wait up to 5 s: the suite runs many jsdom renders in parallel on two cores.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5000 });
