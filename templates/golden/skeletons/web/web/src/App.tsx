import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, type ApiClient, type Item } from './api.ts';

export const MAX_NAME_LENGTH = 100;

/** The form's own check, before the API's: an error message, or undefined when valid. */
export function validateName(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'Give the item a name.';
  if (trimmed.length > MAX_NAME_LENGTH) return `At most ${MAX_NAME_LENGTH} characters.`;
  return undefined;
}

export function ItemList({ items }: { items: Item[] }) {
  if (items.length === 0) {
    return <p className="empty">No items yet. Create the first one.</p>;
  }
  return (
    <ul className="items" aria-label="Items">
      {items.map(item => (
        <li key={item.id}>
          <strong>{item.name}</strong>
          {item.description ? <span> - {item.description}</span> : null}
          <time dateTime={item.createdAt}>{item.createdAt.slice(0, 10)}</time>
        </li>
      ))}
    </ul>
  );
}

export function NewItemForm({ onCreate }: { onCreate: (name: string, description: string) => Promise<void> }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = validateName(name);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      await onCreate(name.trim(), description.trim());
      setName('');
      setDescription('');
    } catch (caught) {
      setError(caught instanceof ApiError ? `${caught.message} (ref. ${caught.correlationId})` : String(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label="New item">
      <label>
        Name
        <input value={name} maxLength={MAX_NAME_LENGTH} onChange={event => setName(event.target.value)} />
      </label>
      <label>
        Description
        <input value={description} onChange={event => setDescription(event.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        Create
      </button>
      {error ? <p role="alert">{error}</p> : null}
    </form>
  );
}

export interface AppProps {
  api: ApiClient;
  /** Server-side or test rendering: what to show before the first fetch. */
  initialItems?: Item[];
  initialServiceName?: string;
}

export function App({ api, initialItems = [], initialServiceName = '' }: AppProps) {
  const [items, setItems] = useState<Item[]>(initialItems);
  const [service, setService] = useState(initialServiceName);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    api.health().then(health => {
      setService(health.service);
      document.title = health.service;
    }, () => undefined);
    api.listItems().then(page => setItems(page.items), (caught: unknown) => setError(String(caught)));
  }, [api]);

  async function create(name: string, description: string) {
    const item = await api.createItem(description ? { name, description } : { name });
    setItems(current => [...current, item]);
  }

  return (
    <main>
      <h1>{service || 'Service'}</h1>
      {error ? <p role="alert">{error}</p> : null}
      <NewItemForm onCreate={create} />
      <ItemList items={items} />
    </main>
  );
}
