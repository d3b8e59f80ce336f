import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import TextField from '@mui/material/TextField';
import { validateServiceName } from '@souverain/plugin-golden-services-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { GoldenServicesApi, goldenServicesApiRef } from '../../api';

/** The `ui:field` name templates use for a golden service's name. */
export const SERVICE_NAME_FIELD_NAME = 'SouverainServiceName';

/**
 * The message for a name that a Component already has, or undefined when it is free. It names
 * the rule, like the messages of {@link @souverain/plugin-golden-services-common#validateServiceName}.
 */
export async function describeTakenServiceName(
  api: GoldenServicesApi,
  name: string,
): Promise<string | undefined> {
  const [existing] = await api.findComponentsNamed(name);
  if (!existing) return undefined;
  const ref = stringifyEntityRef(existing);
  return `Service name breaks the rule "unique": a component named "${name}" is already in the catalog (${ref})`;
}

/**
 * Checks the name when the user moves on: the naming rules first, then that no Component has
 * it. When the catalog cannot be reached the name is let through: the scaffolder action checks
 * it again before writing anything.
 */
export const serviceNameFieldValidation: CustomFieldValidator<string> = async (
  value,
  validation,
  { apiHolder },
) => {
  const problem = validateServiceName(value);
  if (problem) {
    validation.addError(problem.message);
    return;
  }
  const api = apiHolder.get(goldenServicesApiRef);
  if (!api) return;
  let taken: string | undefined;
  try {
    taken = await describeTakenServiceName(api, value);
  } catch {
    return;
  }
  if (taken) validation.addError(taken);
};

/**
 * A golden service's name. It tells, as the user types, which naming rule the name breaks and
 * whether a component already has it; the same checks run again when the step is submitted.
 */
export function ServiceNameField(props: FieldExtensionComponentProps<string>) {
  const {
    onChange,
    required,
    disabled,
    schema: { title = 'Name', description = 'Unique name of the service' },
    rawErrors,
    formData,
    idSchema,
    uiSchema,
  } = props;
  const api = useApi(goldenServicesApiRef);
  const value = formData ?? '';
  const [checkedName, setCheckedName] = useState(value);
  useDebounce(() => setCheckedName(value), 400, [value]);

  const problem = value ? validateServiceName(value) : undefined;
  const taken = useAsync(async () => {
    if (!checkedName || validateServiceName(checkedName)) return undefined;
    return describeTakenServiceName(api, checkedName);
  }, [api, checkedName]);
  const takenMessage = checkedName === value ? taken.value : undefined;

  const live = problem?.message ?? takenMessage;
  const submitted = rawErrors ?? [];
  // The form lists the errors of a submitted step under the field: do not say them twice.
  const helperText = live && !submitted.includes(live) ? live : description;

  return (
    <TextField
      id={idSchema?.$id}
      label={title}
      value={value}
      required={required}
      disabled={disabled}
      onChange={event => onChange(event.target.value)}
      error={Boolean(live) || submitted.length > 0}
      helperText={helperText}
      margin="normal"
      fullWidth
      autoComplete="off"
      inputProps={{
        autoFocus: uiSchema?.['ui:autofocus'],
        spellCheck: false,
      }}
    />
  );
}
