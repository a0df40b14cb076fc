import { describe, expect, it } from 'vitest'
import { clauseHtml } from './render-clause.server.ts'

const clause = (id: string, body: string) =>
  `<section class="pw-clause" data-clause-id="${id}" data-clause-kind="budget"><p class="pw-clause__kind">Budget</p><div class="pw-clause__body">${body}</div></section>`

describe('one clause from the rendered document', () => {
  const html = `<h2>1. Inleiding</h2>${clause('a1', '<p>Eerste &lt;section&gt;</p>')}${clause('b2', '<section class="pw-data"><table></table></section><p>Tweede</p>')}<p>Na</p>`

  it('cuts out exactly that clause, nested sections and all', () => {
    expect(clauseHtml(html, 'a1')).toBe(clause('a1', '<p>Eerste &lt;section&gt;</p>'))
    expect(clauseHtml(html, 'b2')).toBe(clause('b2', '<section class="pw-data"><table></table></section><p>Tweede</p>'))
  })

  it('finds nothing for an id that is not there', () => {
    expect(clauseHtml(html, 'c3')).toBeNull()
    expect(clauseHtml(html, 'a')).toBeNull()
    // Not an id that differs only in characters an id cannot hold.
    expect(clauseHtml(html, 'a"1')).toBeNull()
    expect(clauseHtml(html, '')).toBeNull()
  })
})
