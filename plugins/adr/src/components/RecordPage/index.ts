export { RecordPage, RecordView } from './RecordPage';
