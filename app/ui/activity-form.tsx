import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '~/i18n/config'
import { WEEKDAYS } from '~/modules/activities/schedule'
import {
  ACTIVITY_ROLES,
  CATEGORIES,
  NTH_VALUES,
  SCHEDULE_KINDS,
  type ActivityFormLists,
} from '~/modules/activities/schemas'
import { CheckboxesField, CheckboxField } from './checkbox-field'
import { AddressFields } from './address-fields'
import { Field } from './field'
import { RadioGroup } from './radio-group'
import { SelectField } from './select-field'
import { TextareaField } from './textarea-field'

// The activity form staff fill in to post or change an activity (one form, no JavaScript needed).

export interface ActivityFormChoices {
  areas: { value: string; label: string }[]
  goals: { value: string; label: string }[]
  frameworks: string[]
  targetGroups: { value: string; label: string }[]
}

/** The module's options as labelled choices in the reader's language (call it in the loader). */
export function activityFormChoices(
  options: {
    areas: { id: string; name: string }[]
    goals: { id: string; framework: string; titleDa: string; titleEn: string }[]
    targetGroups: { id: string; nameDa: string; nameEn: string }[]
  },
  lng: Language,
): ActivityFormChoices {
  return {
    areas: options.areas.map((a) => ({ value: a.id, label: a.name })),
    goals: options.goals.map((g) => ({
      value: g.id,
      label: lng === 'da' ? g.titleDa : g.titleEn,
    })),
    frameworks: [...new Set(options.goals.map((g) => g.framework))],
    targetGroups: options.targetGroups.map((g) => ({
      value: g.id,
      label: lng === 'da' ? g.nameDa : g.nameEn,
    })),
  }
}

export interface ActivityFormProps {
  values: Record<string, string | undefined>
  lists: ActivityFormLists
  errors: Record<string, string[] | undefined>
  choices: ActivityFormChoices
  /** Only an approved organisation may publish; a pending one saves drafts. */
  canPublish: boolean
  /** The activity's status now, or null for a new one. */
  status: 'draft' | 'published' | 'cancelled' | null
  /** The sections' heading level: 3 where the form sits in a section of its own. */
  headingLevel?: 2 | 3
}

export function ActivityForm({
  values,
  lists,
  errors,
  choices,
  canPublish,
  status,
  headingLevel = 2,
}: ActivityFormProps) {
  const { t } = useTranslation()
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const P = 'pages.orgActivities.form'
  const optional = (label: string) => `${label} ${t('common.form.optional')}`
  const publishLabel =
    status === null
      ? t(`${P}.publish`)
      : status === 'published'
        ? t(`${P}.saveChanges`)
        : t(`${P}.saveAndPublish`)
  const draftLabel = status === 'published' ? t(`${P}.unpublish`) : t(`${P}.saveDraft`)
  return (
    <Form method="post" noValidate className="activity-form">
      <input type="hidden" name="intent" value="save" />

      <Heading>{t(`${P}.sections.about`)}</Heading>
      <Field
        label={t(`${P}.title`)}
        hint={t(`${P}.titleHint`)}
        name="title"
        maxLength={120}
        defaultValue={values.title ?? ''}
        errors={errors.title}
      />
      <TextareaField
        label={t(`${P}.description`)}
        hint={t(`${P}.descriptionHint`)}
        name="description"
        rows={6}
        defaultValue={values.description ?? ''}
        errors={errors.description}
      />
      <SelectField
        label={t(`${P}.category`)}
        name="category"
        placeholder={t(`${P}.choose`)}
        defaultValue={values.category ?? ''}
        errors={errors.category}
        options={CATEGORIES.map((c) => ({ value: c, label: t(`common.categories.${c}`) }))}
      />

      <Heading>{t(`${P}.sections.when`)}</Heading>
      <RadioGroup
        legend={t(`${P}.scheduleKind`)}
        name="scheduleKind"
        defaultValue={values.scheduleKind ?? null}
        errors={errors.scheduleKind}
        options={SCHEDULE_KINDS.map((k) => ({ value: k, label: t(`${P}.kinds.${k}`) }))}
      />
      <div className="field-row">
        <SelectField
          label={t(`${P}.weekday`)}
          hint={t(`${P}.weekdayHint`)}
          name="weekday"
          placeholder={t(`${P}.choose`)}
          defaultValue={values.weekday ?? ''}
          errors={errors.weekday}
          options={WEEKDAYS.map((d) => ({ value: d, label: t(`common.weekdays.${d}`) }))}
        />
        <SelectField
          label={t(`${P}.nth`)}
          hint={t(`${P}.nthHint`)}
          name="nth"
          placeholder={t(`${P}.choose`)}
          defaultValue={values.nth ?? ''}
          errors={errors.nth}
          options={NTH_VALUES.map((n) => ({ value: n, label: t(`${P}.nthOptions.${n}`) }))}
        />
      </div>
      <div className="field-row">
        <Field
          label={t(`${P}.firstDate`)}
          hint={t(`${P}.firstDateHint`)}
          name="firstDate"
          type="date"
          defaultValue={values.firstDate ?? ''}
          errors={errors.firstDate}
        />
        <Field
          label={optional(t(`${P}.endDate`))}
          hint={t(`${P}.endDateHint`)}
          name="endDate"
          type="date"
          defaultValue={values.endDate ?? ''}
          errors={errors.endDate}
        />
      </div>
      <div className="field-row">
        <Field
          label={t(`${P}.startTime`)}
          hint={t(`${P}.timeHint`)}
          name="startTime"
          type="time"
          defaultValue={values.startTime ?? ''}
          errors={errors.startTime}
        />
        <Field
          label={t(`${P}.endTime`)}
          hint={t(`${P}.timeHint`)}
          name="endTime"
          type="time"
          defaultValue={values.endTime ?? ''}
          errors={errors.endTime}
        />
      </div>

      <Heading>{t(`${P}.sections.where`)}</Heading>
      <Field
        label={optional(t(`${P}.locationName`))}
        hint={t(`${P}.locationNameHint`)}
        name="locationName"
        defaultValue={values.locationName ?? ''}
        errors={errors.locationName}
      />
      <AddressFields labels={P} values={values} errors={errors} />
      {choices.areas.length > 0 ? (
        <SelectField
          label={optional(t(`${P}.area`))}
          hint={t(`${P}.areaHint`)}
          name="areaId"
          placeholder={t(`${P}.noArea`)}
          defaultValue={values.areaId ?? ''}
          errors={errors.areaId}
          options={choices.areas}
        />
      ) : null}

      <Heading>{t(`${P}.sections.practical`)}</Heading>
      <Field
        label={t(`${P}.price`)}
        hint={t(`${P}.priceHint`)}
        name="price"
        inputMode="decimal"
        className="field--short"
        defaultValue={values.price ?? ''}
        errors={errors.price}
      />
      <Field
        label={optional(t(`${P}.capacity`))}
        hint={t(`${P}.capacityHint`)}
        name="capacity"
        inputMode="numeric"
        className="field--short"
        defaultValue={values.capacity ?? ''}
        errors={errors.capacity}
      />
      <CheckboxField
        label={t(`${P}.openNoReferral`)}
        hint={t(`${P}.openNoReferralHint`)}
        name="openNoReferral"
        defaultChecked={Boolean(values.openNoReferral)}
      />
      <CheckboxField
        label={t(`${P}.noMembership`)}
        hint={t(`${P}.noMembershipHint`)}
        name="noMembership"
        defaultChecked={Boolean(values.noMembership)}
      />
      <CheckboxesField
        legend={t(`${P}.roles`)}
        hint={t(`${P}.rolesHint`)}
        name="roles"
        checked={lists.roles}
        errors={errors.roles}
        options={ACTIVITY_ROLES.map((r) => ({ value: r, label: t(`common.activityRoles.${r}`) }))}
      />
      <TextareaField
        label={optional(t(`${P}.accessibilityNote`))}
        hint={t(`${P}.accessibilityNoteHint`)}
        name="accessibilityNote"
        rows={3}
        defaultValue={values.accessibilityNote ?? ''}
        errors={errors.accessibilityNote}
      />
      <TextareaField
        label={optional(t(`${P}.adaptationNote`))}
        hint={t(`${P}.adaptationNoteHint`)}
        name="adaptationNote"
        rows={3}
        defaultValue={values.adaptationNote ?? ''}
        errors={errors.adaptationNote}
      />
      <Field
        label={optional(t(`${P}.phone`))}
        hint={t(`${P}.phoneHint`)}
        name="phone"
        type="tel"
        defaultValue={values.phone ?? ''}
        errors={errors.phone}
      />
      <Field
        label={optional(t(`${P}.email`))}
        hint={t(`${P}.emailHint`)}
        name="email"
        type="email"
        spellCheck={false}
        defaultValue={values.email ?? ''}
        errors={errors.email}
      />

      <Heading>{t(`${P}.sections.reporting`)}</Heading>
      <p>{t(`${P}.reportingLead`)}</p>
      {choices.goals.length > 0 ? (
        <CheckboxesField
          legend={optional(t(`${P}.goals`))}
          hint={t(`${P}.goalsHint`, { frameworks: choices.frameworks.join(', ') })}
          name="goals"
          checked={lists.goals}
          errors={errors.goals}
          options={choices.goals}
        />
      ) : null}
      <CheckboxesField
        legend={optional(t(`${P}.targetGroups`))}
        hint={t(`${P}.targetGroupsHint`)}
        name="targetGroups"
        checked={lists.targetGroups}
        errors={errors.targetGroups}
        options={choices.targetGroups}
      />

      {!canPublish ? <p className="notice">{t(`${P}.pendingNotice`)}</p> : null}
      {errors.saveAs?.length ? (
        <p id="field-saveAs-error" className="field__error">
          {errors.saveAs.join(' ')}
        </p>
      ) : null}
      <div className="button-row">
        {canPublish ? (
          <button
            type="submit"
            name="saveAs"
            value="publish"
            id="field-saveAs"
            className="button"
            aria-describedby={errors.saveAs?.length ? 'field-saveAs-error' : undefined}
          >
            {publishLabel}
          </button>
        ) : null}
        <button
          type="submit"
          name="saveAs"
          value="draft"
          id={canPublish ? undefined : 'field-saveAs'}
          className={canPublish ? 'button button--secondary' : 'button'}
        >
          {draftLabel}
        </button>
      </div>
    </Form>
  )
}
