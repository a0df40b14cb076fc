import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { Form } from 'react-router'
import { ToSettingsLink } from '#app/access/ui/read-only-notice.tsx'
import { Alert, Button, CheckboxField, FormErrors, Heading, Paragraph, SelectField } from '#app/platform/ui/ui.tsx'
import { RESTORE_READABLE, RESTORE_REFUSALS, restoreSchema, type RestoreErrorCode } from '#app/document/restore-form.ts'

/**
 * A beheerder puts the pact's text back to a signed version, or to the current text without
 * what cannot be read. The choice, its consequence in words and a confirmation: replacing the
 * text is not something to do by one click.
 */
export function RestoreForm({
  versionNumbers,
  skipped,
  refusal,
  pactId,
  result,
  done,
}: {
  versionNumbers: readonly number[]
  /** Unreadable parts of the current text. */
  skipped: number
  /** Why the text cannot be restored now (write-policy.ts): a signed pact, or suggestion-only mode. */
  refusal: RestoreErrorCode | null
  pactId: string
  result: SubmissionResult<string[]> | undefined
  done: boolean
}) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'restore',
    lastResult: result,
    defaultValue: { source: skipped > 0 ? RESTORE_READABLE : String(versionNumbers.at(-1) ?? '') },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: restoreSchema }),
    shouldValidate: 'onSubmit',
  })
  const options = [
    ...[...versionNumbers].reverse().map((number) => ({ value: String(number), label: t('editor.restore.version', { number }) })),
    { value: RESTORE_READABLE, label: t('editor.restore.readable') },
  ]
  return (
    <section aria-labelledby="restore-heading">
      <Heading level={2} id="restore-heading">
        {t('editor.restore.title')}
      </Heading>
      <Paragraph>{t('editor.restore.lead')}</Paragraph>
      {skipped > 0 ? <Alert type="warning">{t('editor.restore.damaged', { count: skipped })}</Alert> : null}
      {done ? (
        <Alert type="ok" role="status">
          {t('editor.restore.done')}
        </Alert>
      ) : null}
      <FormErrors errors={form.errors} />
      {refusal === null ? (
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="restore" />
          <SelectField field={fields.source} label={t('editor.restore.source')} options={options} />
          <CheckboxField field={fields.confirm} label={t('editor.restore.confirm')} />
          {fields.confirm.errors?.length ? <FormErrors errors={fields.confirm.errors} /> : null}
          <Button appearance="secondary">{t('editor.restore.submit')}</Button>
        </Form>
      ) : (
        <Alert type="info">
          <p className="utrecht-paragraph" data-testid="restore-refusal">
            {t(RESTORE_REFUSALS[refusal].message)}
          </p>
          {/* Only a beheerder is offered the restore form, so the link is theirs to use. */}
          {refusal === 'suggestions-only' ? <ToSettingsLink pactId={pactId} /> : null}
        </Alert>
      )}
    </section>
  )
}
