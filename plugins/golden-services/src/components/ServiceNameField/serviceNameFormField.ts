import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  SERVICE_NAME_FIELD_NAME,
  ServiceNameField,
  serviceNameFieldValidation,
} from './ServiceNameField';

/** The `SouverainServiceName` scaffolder field, loaded when the Create page opens. */
export const serviceNameFormField = createFormField({
  name: SERVICE_NAME_FIELD_NAME,
  component: ServiceNameField,
  validation: serviceNameFieldValidation,
});
