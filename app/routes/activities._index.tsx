import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import type { RouteHandle } from '~/root'
import { useTranslation } from 'react-i18next'
import { Pagination } from '~/ui/pagination'
import { getDb } from '~/db.server'
import { cachedPublic } from '~/public-cache.server'
import { detectLanguage, getFixedT } from '~/i18n/i18n.server'
import { toActivityCard } from '~/modules/activities/cards.server'
import {
  ALL_MUNICIPALITIES,
  CATALOGUE_WEEKDAYS,
  CATEGORIES,
  catalogueSearch,
  parseCatalogueQuery,
  Q_MAX,
  TIMES_OF_DAY,
} from '~/modules/activities/catalogue-query'
import { listCatalogueAreas, searchCatalogue } from '~/modules/activities/catalogue.server'
import { listMunicipalities, pickMunicipality } from '~/modules/network/network.server'
import { ActivityCard } from '~/ui/activity-card'
import { CheckboxGroup } from '~/ui/checkbox-group'
import { Field } from '~/ui/field'

const P = 'pages.catalogue'
const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1)

// Plain HTML: everything here works without JavaScript (ADR 019).
export const handle: RouteHandle = { hydrate: false }

export async function loader({ request }: LoaderFunctionArgs) {
  const lng = detectLanguage(request)
  const t = getFixedT(lng)
  const db = await getDb()
  const query = parseCatalogueQuery(new URL(request.url).searchParams)
  const municipalities = await cachedPublic('municipalities', () => listMunicipalities(db))
  // No choice in the form: the municipality the visitor picked in the header (cookie).
  const municipality =
    query.municipality === ALL_MUNICIPALITIES
      ? null
      : (municipalities.find((m) => m.slug === query.municipality) ??
        pickMunicipality(municipalities, request))
  const allAreas = await cachedPublic('catalogue-areas', () => listCatalogueAreas(db))
  const areas = allAreas.filter((a) => !municipality || a.municipality_id === municipality.id)
  const areaId = areas.some((a) => a.id === query.areaId) ? query.areaId : null
  const normalised = {
    ...query,
    municipality:
      query.municipality === ALL_MUNICIPALITIES || municipality?.slug === query.municipality
        ? query.municipality
        : null,
    areaId,
  }
  const filters = {
    q: query.q,
    categories: query.categories,
    weekdays: query.weekdays,
    times: query.times,
    municipalityId: municipality?.id ?? null,
    areaId,
    free: query.free,
    open: query.open,
    noMembership: query.noMembership,
  }
  // The cards are formatted once per language and kept with the answer.
  const { result, cards } = await cachedPublic(
    `catalogue:${lng}:${JSON.stringify([filters, query.page])}`,
    async () => {
      const found = await searchCatalogue(db, filters, { now: new Date(), page: query.page })
      return { result: found, cards: found.items.map((item) => toActivityCard(item, t, lng)) }
    },
  )
  const pageHref = (page: number) => `/activities${catalogueSearch(normalised, page)}`
  return {
    title: t(`${P}.metaTitle`),
    description: t(`${P}.lead`),
    query: normalised,
    municipality: municipality?.slug ?? ALL_MUNICIPALITIES,
    municipalityName: municipality?.name ?? null,
    municipalities: municipalities.map((m) => ({ slug: m.slug, name: m.name })),
    areaGroups: municipalities
      .filter((m) => !municipality || m.id === municipality.id)
      .map((m) => ({
        name: m.name,
        areas: areas
          .filter((a) => a.municipality_id === m.id)
          .map((a) => ({ id: a.id, name: a.name })),
      }))
      .filter((g) => g.areas.length > 0),
    activities: cards,
    total: result.total,
    totalIsExact: result.totalIsExact,
    page: result.page,
    pageCount: result.pageCount,
    previous:
      result.page > 1 ? pageHref(Math.min(result.page - 1, result.pageCount ?? Infinity)) : null,
    next: result.hasNext ? pageHref(result.page + 1) : null,
    first: pageHref(1),
    everywhere: municipality
      ? `/activities${catalogueSearch({ ...normalised, municipality: ALL_MUNICIPALITIES, areaId: null })}`
      : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: 'description', content: data?.description ?? '' },
]

export default function Catalogue() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const { query } = d
  const flags = [
    ...(query.free ? ['free'] : []),
    ...(query.open ? ['open'] : []),
    ...(query.noMembership ? ['membership'] : []),
  ]
  const activeChoices =
    query.categories.length +
    query.weekdays.length +
    query.times.length +
    flags.length +
    (query.areaId ? 1 : 0)
  return (
    <>
      <h1>{t(`${P}.title`)}</h1>
      <p className="lead">{t(`${P}.lead`)}</p>

      {/* Plain HTML elements: the page is not hydrated, a router-aware form or link adds nothing. */}
      <form
        method="get"
        action="/activities"
        className="catalogue-form"
        aria-labelledby="search-title"
      >
        <h2 id="search-title" className="visually-hidden">
          {t(`${P}.form.title`)}
        </h2>
        <div className="catalogue-form__search">
          <Field
            label={t(`${P}.form.q`)}
            hint={t(`${P}.form.qHint`)}
            name="q"
            type="search"
            defaultValue={query.q}
            maxLength={Q_MAX}
            autoComplete="off"
          />
          <button type="submit" className="button">
            {t(`${P}.form.submit`)}
          </button>
        </div>
        {/* On a phone the choices would fill the first screen before any result: they fold
            away (no JavaScript needed) and open by themselves when one of them is in use. */}
        <details className="catalogue-form__more" open={activeChoices > 0}>
          <summary className="catalogue-form__summary">
            {activeChoices > 0
              ? t(`${P}.form.moreActive`, { count: activeChoices })
              : t(`${P}.form.moreClosed`)}
          </summary>
          <div className="catalogue-form__filters">
            <div className="field">
              <label htmlFor="field-municipality" className="field__label">
                {t(`${P}.form.municipality`)}
              </label>
              <select id="field-municipality" name="municipality" defaultValue={d.municipality}>
                <option value={ALL_MUNICIPALITIES}>{t('common.municipality.none')}</option>
                {d.municipalities.map((m) => (
                  <option key={m.slug} value={m.slug}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="field-area" className="field__label">
                {t(`${P}.form.area`)}
              </label>
              <p id="field-area-hint" className="field__hint">
                {t(`${P}.form.areaHint`)}
              </p>
              <select
                id="field-area"
                name="area"
                defaultValue={query.areaId ?? ''}
                aria-describedby="field-area-hint"
              >
                <option value="">{t(`${P}.form.allAreas`)}</option>
                {d.areaGroups.length === 1
                  ? d.areaGroups[0]!.areas.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))
                  : d.areaGroups.map((g) => (
                      <optgroup key={g.name} label={g.name}>
                        {g.areas.map((a) => (
                          <option key={a.id} value={a.id}>
                            {a.name}
                          </option>
                        ))}
                      </optgroup>
                    ))}
              </select>
            </div>
            <CheckboxGroup
              legend={t(`${P}.form.category`)}
              name="category"
              checked={query.categories}
              options={CATEGORIES.map((c) => ({ value: c, label: t(`common.categories.${c}`) }))}
            />
            <CheckboxGroup
              legend={t(`${P}.form.weekday`)}
              name="weekday"
              checked={query.weekdays}
              options={CATALOGUE_WEEKDAYS.map((w) => ({
                value: w,
                label: capitalise(t(`common.weekdays.${w}`)),
              }))}
            />
            <CheckboxGroup
              legend={t(`${P}.form.time`)}
              name="time"
              checked={query.times}
              options={TIMES_OF_DAY.map((v) => ({ value: v, label: t(`${P}.form.times.${v}`) }))}
            />
            <CheckboxGroup
              legend={t(`${P}.form.more`)}
              name="flags"
              checked={flags}
              options={(['free', 'open', 'membership'] as const).map((f) => ({
                value: f,
                name: f,
                label: t(`${P}.form.flags.${f}`),
              }))}
            />
          </div>
          <div className="catalogue-form__actions">
            <button type="submit" className="button">
              {t(`${P}.form.submit`)}
            </button>
            <a href="/activities" className="catalogue-form__reset">
              {t(`${P}.form.reset`)}
            </a>
          </div>
        </details>
      </form>

      <section aria-labelledby="results-title" className="catalogue-results">
        <h2 id="results-title">{t(`${P}.results.title`)}</h2>
        <p role="status" className="catalogue-results__count">
          {d.total === 0
            ? t(`${P}.results.none`)
            : t(
                `${P}.results.${d.totalIsExact ? 'count' : 'countMore'}${d.municipalityName ? 'In' : ''}`,
                {
                  count: d.total,
                  municipality: d.municipalityName,
                },
              )}
          {d.pageCount === null
            ? ` ${t(`${P}.results.pageOnly`, { page: d.page })}`
            : d.pageCount > 1
              ? ` ${t(`${P}.results.page`, { page: d.page, pages: d.pageCount })}`
              : ''}
        </p>
        {d.activities.length > 0 ? (
          <ul className="activity-list">
            {d.activities.map((a) => (
              <li key={a.id}>
                <ActivityCard activity={a} headingLevel={3} />
              </li>
            ))}
          </ul>
        ) : d.total > 0 ? (
          <p>
            <a href={d.first}>{t(`${P}.results.backToFirst`)}</a>
          </p>
        ) : (
          <div className="notice">
            <p>{t(`${P}.empty.body`)}</p>
            <ul>
              <li>
                <a href="/activities">{t(`${P}.empty.reset`)}</a>
              </li>
              {d.everywhere ? (
                <li>
                  <a href={d.everywhere}>{t(`${P}.empty.everywhere`)}</a>
                </li>
              ) : null}
            </ul>
          </div>
        )}
        <Pagination
          label={t(`${P}.pagination.label`)}
          previous={{ href: d.previous ?? null, text: t(`${P}.pagination.previous`) }}
          next={{ href: d.next ?? null, text: t(`${P}.pagination.next`) }}
        />
      </section>
    </>
  )
}
