import type { JSONContent } from '@tiptap/core'
import { newClauseId } from '#app/document/clause-ids.ts'
import { pactYears } from '#app/pacts/lifecycle.ts'
import type { ClauseKind } from './clause.ts'

/**
 * The starting text of a new pact: the structure of a "Pact voor de Transformatie" (seed 004)
 * with the five council agreements it proposes, written as clauses the parties can rework.
 * Bracketed values are placeholders for the parties to fill in.
 */

export interface PactTemplateInput {
  title: string
  region: string
  startYear: number
  endYear: number
}

function text(value: string): JSONContent {
  return { type: 'text', text: value }
}

function paragraph(value: string): JSONContent {
  // ProseMirror has no empty text nodes; an empty paragraph has no content at all.
  return value ? { type: 'paragraph', content: [text(value)] } : { type: 'paragraph' }
}

function heading(value: string): JSONContent {
  return { type: 'heading', attrs: { level: 2 }, content: [text(value)] }
}

function bulletList(items: string[]): JSONContent {
  return { type: 'bulletList', content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })) }
}

function table(header: string[], rows: string[][]): JSONContent {
  const row = (cells: string[], cellType: 'tableHeader' | 'tableCell'): JSONContent => ({
    type: 'tableRow',
    content: cells.map((cell) => ({ type: cellType, content: [paragraph(cell)] })),
  })
  return { type: 'table', content: [row(header, 'tableHeader'), ...rows.map((cells) => row(cells, 'tableCell'))] }
}

function clause(kind: ClauseKind, title: string, body: JSONContent[]): JSONContent {
  return {
    type: 'clause',
    attrs: { clauseId: newClauseId(), kind },
    content: [{ type: 'clauseTitle', content: [text(title)] }, ...body],
  }
}

const RESULT_AREAS = ['Jeugd en gezin', 'Ouderen thuis', 'Meedoen met een psychische kwetsbaarheid']

export function pactTemplate({ title, region, startYear, endYear }: PactTemplateInput): JSONContent {
  const years = pactYears(startYear, endYear).map(String)
  return {
    type: 'doc',
    content: [
      heading('1. Waarom dit pact'),
      clause('algemeen', 'Partijen en looptijd', [
        paragraph(
          `${title} wordt gesloten door de gemeente, de aanbieders en de vertegenwoordiging van inwoners in ${region} die het ondertekenen.`,
        ),
        paragraph(`Het pact geldt van 1 januari ${startYear} tot en met 31 december ${endYear}.`),
      ]),
      clause('algemeen', 'Waarom wij samen optrekken', [
        paragraph(
          'Wij willen dat inwoners die tegen beperkingen aanlopen een zo gewoon mogelijk leven kunnen leiden, met steun die past bij wat zij zelf en de mensen om hen heen kunnen. Dat lukt niet als iedere partij alleen haar eigen deel regelt en het gesprek vooral over tarieven en aantallen gaat.',
        ),
        paragraph(
          'De vraag naar ondersteuning groeit sneller dan het geld dat ervoor beschikbaar is. Vernieuwing van de inhoud en een houdbare begroting horen daarom bij elkaar. Met dit pact pakken wij die twee samen aan: voor meerdere jaren en met verplichtingen over en weer.',
        ),
      ]),
      clause('opgave', 'Onze gedeelde opgaven', [
        paragraph(
          'Wij werken in elk geval aan de volgende opgaven. Per opgave leggen wij vast wat wij willen bereiken voor de inwoners om wie het gaat.',
        ),
        bulletList([
          'Jeugdigen en gezinnen met een complexe hulpvraag krijgen eerder en dichter bij huis hulp die past.',
          'Ouderen met een complexe hulpvraag wonen langer veilig thuis, met hulp uit hun eigen netwerk waar dat kan.',
          'Inwoners met een psychische kwetsbaarheid hebben een plek in de wijk, werk of dagbesteding, en een vangnet als het tegenzit.',
        ]),
        paragraph('Partijen kunnen in overleg opgaven toevoegen, samenvoegen of laten vallen.'),
      ]),

      heading('2. Resultaatgebieden, budgetten en risicodeling'),
      clause('resultaatgebied', 'Resultaatgebieden', [
        paragraph(
          'De opgaven zijn vertaald in een klein aantal resultaatgebieden, elk met een eigen budget en eigen indicatoren. Binnen een resultaatgebied is ruimte voor maatwerk: de professional bepaalt samen met de inwoner wat nodig is.',
        ),
        table(
          ['Resultaatgebied', 'Wat wij willen bereiken', 'Indicator (voorbeeld)'],
          [
            [
              RESULT_AREAS[0],
              'Minder jeugdigen die langdurig specialistische hulp nodig hebben',
              'Aandeel jeugdigen dat buiten het eigen gezin verblijft',
            ],
            [RESULT_AREAS[1], 'Langer zelfstandig wonen', 'Gemiddelde leeftijd bij verhuizing naar een verpleeghuis'],
            [RESULT_AREAS[2], 'Meer inwoners met werk of een vaste dagbesteding', 'Aantal inwoners met werk of dagbesteding'],
          ],
        ),
      ]),
      clause('budget', 'Budgetten', [
        paragraph(
          'Voor elk resultaatgebied is per jaar een budget beschikbaar. De bedragen hieronder zijn een eerste opzet die aan de ontwikkeltafel wordt vastgesteld. Geld verschuift alleen tussen resultaatgebieden als alle ondertekenende partijen daarmee instemmen.',
        ),
        table(
          ['Resultaatgebied', ...years],
          RESULT_AREAS.map((area) => [area, ...years.map(() => '€ [bedrag]')]),
        ),
      ]),
      clause('risicodeling', 'Risicodeling', [
        paragraph(
          'Gemeente en aanbieders dragen samen het financiële risico binnen de afgesproken budgetten. Blijven de uitgaven in een jaar binnen een bandbreedte van [5] procent rond het budget, dan dragen de aanbieders [50] procent van het verschil. Van het deel daarbuiten dragen zij [25] procent, tot een plafond van € [bedrag] per jaar.',
        ),
        paragraph(
          'Valt een jaar lager uit dan begroot, dan delen de aanbieders voor [50] procent in het voordeel en gaat [25] procent naar een revolverend fonds voor de sociale basis. Het deel van iedere aanbieder volgt zijn aandeel in het budget, tenzij de partijen een andere verdeling vastleggen.',
        ),
      ]),

      heading('3. Samenwerken, monitoren en leren'),
      clause('samenwerking', 'De ontwikkeltafel', [
        paragraph(
          'Partijen komen samen aan een ontwikkeltafel, niet aan een onderhandeltafel. Daar werken wij de opgaven uit, bespreken wij wat werkt en wat niet, en passen wij afspraken aan waar dat nodig is. Iedere partij brengt in wat zij het beste kent: de gemeente haar publieke verantwoordelijkheid, aanbieders hun vakmanschap, inwoners hun ervaring.',
        ),
        paragraph(
          'De ontwikkeltafel komt minstens [vier] keer per jaar bijeen. Wij besluiten bij overeenstemming; lukt dat niet, dan leggen wij de vraag voor aan de bestuurders van de partijen.',
        ),
      ]),
      clause('samenwerking', 'Monitoren en leren', [
        paragraph(
          'Per resultaatgebied volgen wij de indicatoren elk [kwartaal]: voor de bevolking als geheel en, waar dat kan, voor individuele inwoners. Aanbieders leveren hun gegevens aan en leggen verantwoording af aan elkaar, niet alleen aan de gemeente.',
        ),
        paragraph(
          'Eens per jaar bespreken wij aan de ontwikkeltafel wat de cijfers en de verhalen uit de praktijk ons leren, en wat wij daarom anders gaan doen.',
        ),
      ]),

      heading('4. Collegeafspraken'),
      paragraph('Het college van burgemeester en wethouders verbindt zich aan de volgende vijf afspraken.'),
      clause('opgave', 'Collegeafspraak 1: samen de opgaven bepalen', [
        paragraph(
          'Het college bepaalt samen met inwoners, professionals en aanbieders welke inhoudelijke opgaven er in het sociaal domein liggen, onder welke voorwaarden wij eraan werken en hoe wij dat de komende jaren aanpakken. Die afspraken staan in dit pact.',
        ),
        paragraph(
          'Wij werken met een overzichtelijk aantal aanbieders die de uitgangspunten van dit pact onderschrijven en met wie wij voor meerdere jaren afspraken maken.',
        ),
      ]),
      clause('algemeen', 'Collegeafspraak 2: de leefwereld gaat voor', [
        paragraph(
          'Wat inwoners en professionals in de uitvoering nodig hebben, bepaalt hoe wij beleidsregels, bekostiging en inkoop inrichten, en niet andersom. Ons uitgangspunt is een leven dat zo gewoon mogelijk is.',
        ),
        paragraph(
          'Aanbieders geven hun professionals de ruimte om zo te werken; de gemeente past haar regels aan waar die in de weg zitten.',
        ),
      ]),
      clause('algemeen', 'Collegeafspraak 3: uitgaan van draagkracht', [
        paragraph(
          'Ondersteuning begint bij wat een inwoner wil en zelf kan, en bij de mensen om hem of haar heen. Zij versterkt die draagkracht, in plaats van alleen over te nemen wat iemand door een beperking niet lukt.',
        ),
        paragraph('Het doel dat inwoner en professional samen formuleren, geeft richting aan alle ondersteuning die volgt.'),
      ]),
      clause('samenwerking', 'Collegeafspraak 4: de gemeente als netwerkpartner', [
        paragraph(
          'De gemeente verandert haar eigen manier van werken. Zij stuurt niet langer eenzijdig op producten en tarieven, maar regisseert het proces en werkt als partner in het netwerk.',
        ),
        paragraph(
          'Het college zorgt dat bestuurders en ambtenaren daarvoor de kennis en vaardigheden hebben, en durft oude sturingsinstrumenten los te laten.',
        ),
      ]),
      clause('risicodeling', 'Collegeafspraak 5: contracteren op gedeelde verantwoordelijkheid', [
        paragraph(
          'Wij contracteren onze partners op gedeelde verantwoordelijkheid voor resultaten op populatieniveau. Aanbieders hebben elkaar nodig om die resultaten te halen en leggen daarom ook aan elkaar verantwoording af.',
        ),
        paragraph(
          'Aanbieders dragen mee in het financiële risico, volgens de afspraken over risicodeling in dit pact. Wijkteams houden een centrale rol bij het bepalen van de resultaten die voor inwoners tellen.',
        ),
      ]),
    ],
  }
}
