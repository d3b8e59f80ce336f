export {
  SERVICE_NAME_FIELD_NAME,
  ServiceNameField,
  serviceNameFieldValidation,
  describeTakenServiceName,
} from './ServiceNameField';
