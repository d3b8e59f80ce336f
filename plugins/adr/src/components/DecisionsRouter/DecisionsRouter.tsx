import { Route, Routes } from 'react-router-dom';
import { DecisionsPage } from '../DecisionsPage';
import { RecordPage } from '../RecordPage';

/** `/decisions` lists the records; `/decisions/:id` shows one. */
export function DecisionsRouter() {
  return (
    <Routes>
      <Route path="/" element={<DecisionsPage />} />
      <Route path="/:id" element={<RecordPage />} />
    </Routes>
  );
}
