import { notFound, refusalResponse } from '#app/platform/errors.ts'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { getPact } from '#app/pacts/pacts.server.ts'
import { signedVersion } from '#app/sign-off/views.server.ts'
import { versionDocx } from '#app/sign-off/exports/version-docx.server.ts'
import { downloadName, versionDocumentBlocks } from '#app/sign-off/exports/version-document.ts'
import { versionPdf } from '#app/sign-off/exports/version-pdf.server.ts'
import { cachedExport } from '#app/sign-off/exports/export-cache.server.ts'
import { createI18n } from '#app/platform/i18n/config.ts'
import { formatDateTime } from '#app/platform/i18n/format.ts'
import type { Route } from './+types/pact-version-export'

const CONTENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const

function isFormat(value: string): value is keyof typeof CONTENT_TYPES {
  return Object.hasOwn(CONTENT_TYPES, value)
}

/**
 * A signed version as PDF or Word. In Dutch whatever the reader's language: it is the document of
 * record, like its text, rendered once per version and format and then served as stored.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePactAccess(request, params.pactId, 'view')
  if (!isFormat(params.format)) throw refusalResponse(notFound())
  const [pact, version] = await Promise.all([getPact(params.pactId), signedVersion(params.pactId, Number(params.number))])
  if (!version) throw refusalResponse(notFound())

  const { t } = createI18n('nl')
  const versionName = t('signoff.versions.name', { number: version.number })
  const format = params.format
  const file = await cachedExport({ pactId: params.pactId, number: version.number, hash: version.hash, format }, () => {
    const blocks = versionDocumentBlocks({
      html: version.html,
      title: `${pact.title}: ${versionName}`,
      subtitle: t('signoff.version.signedLine', { date: formatDateTime(version.signedAt, 'nl'), name: version.signedByName }),
      hashLabel: t('signoff.hashLabel'),
      hash: version.hash,
      signature: {
        title: t('signoff.signature.title'),
        intro: t('signoff.signature.intro', { count: version.clauses.length, date: formatDateTime(version.signedAt, 'nl') }),
        columns: {
          party: t('signoff.signature.party'),
          signatory: t('signoff.signature.signatory'),
          clauses: t('signoff.signature.clauses'),
          approvedAt: t('signoff.signature.lastApproval'),
        },
        rows: version.signatories.map((signatory) => ({
          party: signatory.party,
          signatory: signatory.signatory,
          clauses: String(signatory.clauses),
          approvedAt: formatDateTime(signatory.lastApprovedAt, 'nl'),
        })),
      },
    })
    const meta = { title: `${pact.title}: ${versionName}`, hash: version.hash, lang: 'nl-NL' }
    return format === 'pdf'
      ? versionPdf(blocks, {
          ...meta,
          footer: (page, pages) => t('signoff.export.footer', { version: versionName, page, pages }),
        })
      : versionDocx(blocks, { ...meta, footerBeforePage: t('signoff.export.footerBeforePage', { version: versionName }) })
  })
  return new Response(new Uint8Array(file), {
    headers: {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="${downloadName(pact.title, versionName, format)}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
