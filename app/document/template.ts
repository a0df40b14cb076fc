import type { JSONContent } from '@tiptap/core'
import { newClauseId } from '#app/document/clause-ids.ts'
import type { ClauseKind } from './clause.ts'
import type { PactDataKind } from './pact-data.ts'

/**
 * The starting text of a new pact: the structure of a "Pact voor de Transformatie" (seed 004)
 * with the five council agreements it proposes, written as clauses the parties can rework.
 * Bracketed values in the text are placeholders for the parties to fill in; result areas, budgets
 * and risk sharing are no placeholders but data blocks that show the pact's model (empty at first).
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

// The model's data, not a copy of it: what the text shows of result areas, budgets and risk sharing is the model.
function dataBlock(kind: Extract<PactDataKind, 'all-result-areas' | 'all-risk-rules'>): JSONContent {
  return { type: 'pactData', attrs: { kind, refId: '' } }
}

function clause(kind: ClauseKind, title: string, body: JSONContent[]): JSONContent {
  return {
    type: 'clause',
    attrs: { clauseId: newClauseId(), kind },
    content: [{ type: 'clauseTitle', content: [text(title)] }, ...body],
  }
}

export function pactTemplate({ title, region, startYear, endYear }: PactTemplateInput): JSONContent {
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
        dataBlock('all-result-areas'),
      ]),
      clause('budget', 'Budgetten', [
        paragraph(
          'Voor elk resultaatgebied is per jaar een budget beschikbaar. De bedragen hieronder zijn een eerste opzet die aan de ontwikkeltafel wordt vastgesteld. Geld verschuift alleen tussen resultaatgebieden als alle ondertekenende partijen daarmee instemmen.',
        ),
        dataBlock('all-result-areas'),
      ]),
      clause('risicodeling', 'Risicodeling', [
        paragraph(
          'Gemeente en aanbieders dragen samen het financiële risico binnen de afgesproken budgetten. Hoe zij een overschrijding of onderschrijding delen, staat in de afspraken hieronder: de bandbreedte rond het budget, het deel van de aanbieders binnen en buiten die bandbreedte, een eventueel plafond en het deel voor het revolverend fonds. Het deel van iedere aanbieder volgt zijn aandeel in het budget, tenzij de partijen een andere verdeling vastleggen.',
        ),
        dataBlock('all-risk-rules'),
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
