import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToStaticMarkup } from 'react-dom/server';
import { App, ItemList, NewItemForm, validateName } from '../src/App.tsx';
import type { ApiClient } from '../src/api.ts';

// Components rendered to HTML in node (react-dom/server): no browser needed.
const never = () => new Promise<never>(() => {});
const api: ApiClient = { health: never, listItems: never, createItem: never };
const item = { id: '1', name: 'First', description: 'the first one', createdAt: '2030-01-02T03:04:05.000Z' };

describe('App', () => {
  it('renders the service name, the form and the items', () => {
    const html = renderToStaticMarkup(<App api={api} initialItems={[item]} initialServiceName="refunds-api" />);
    assert.match(html, /<h1>refunds-api<\/h1>/);
    assert.match(html, /<form aria-label="New item">/);
    assert.match(html, /<strong>First<\/strong>/);
    assert.match(html, /<time dateTime="2030-01-02T03:04:05.000Z">2030-01-02<\/time>/);
  });
});

describe('ItemList', () => {
  it('says so when there is nothing to show', () => {
    assert.match(renderToStaticMarkup(<ItemList items={[]} />), /No items yet/);
  });

  it('escapes what users typed', () => {
    const html = renderToStaticMarkup(<ItemList items={[{ ...item, name: '<script>alert(1)</script>' }]} />);
    assert.doesNotMatch(html, /<script>/);
    assert.match(html, /&lt;script&gt;/);
  });
});

describe('NewItemForm', () => {
  it('starts empty and enabled', () => {
    const html = renderToStaticMarkup(<NewItemForm onCreate={async () => {}} />);
    assert.match(html, /<button type="submit">Create<\/button>/);
    assert.doesNotMatch(html, /role="alert"/);
  });
});

describe('validateName', () => {
  it('asks for a name of at most 100 characters', () => {
    assert.equal(validateName('  ok '), undefined);
    assert.match(validateName('   ') ?? '', /name/);
    assert.match(validateName('x'.repeat(101)) ?? '', /100/);
  });
});
