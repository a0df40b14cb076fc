// Validation messages of the pact's structured model (namespace `model.*`).
export const modelNl = {
  errors: {
    invalid: 'Deze gegevens hebben niet de verwachte vorm.',
    id: {
      invalid: 'De interne sleutel ontbreekt of is ongeldig.',
      duplicate: 'Deze interne sleutel wordt al elders in het pact gebruikt.',
    },
    party: { unknown: 'Deze partij hoort niet bij dit pact.', duplicate: 'Deze partij staat er al in.' },
    year: {
      invalid: 'Vul een jaartal in, bijvoorbeeld 2027.',
      outsidePeriod: 'Dit jaar valt buiten de looptijd van het pact.',
      duplicate: 'Voor dit jaar is al een streefwaarde ingevuld.',
    },
    cents: {
      invalid: 'Vul een bedrag in hele centen in.',
      negative: 'Het bedrag mag niet negatief zijn.',
      tooLarge: 'De bedragen samen zijn te groot om te verwerken.',
    },
    text: { invalid: 'Vul hier tekst in.', tooLong: 'Deze tekst is te lang.' },
    title: { required: 'Geef het resultaatgebied een titel.', tooLong: 'De titel mag hoogstens 200 tekens lang zijn.' },
    name: { required: 'Geef de indicator een naam.', tooLong: 'De naam mag hoogstens 200 tekens lang zijn.' },
    unit: {
      required: 'Geef de eenheid van de indicator op, bijvoorbeeld % of per 1.000 inwoners.',
      tooLong: 'De eenheid mag hoogstens 50 tekens lang zijn.',
    },
    level: { invalid: 'Kies populatieniveau of inwonersniveau.' },
    direction: { invalid: 'Kies of hoger of lager beter is.' },
    number: { invalid: 'Vul een getal in.' },
    baseline: { incomplete: 'Vul bij de nulmeting zowel de waarde als het jaar in.' },
    budget: { duplicate: 'Voor deze partij en dit jaar staat al een budget.' },
    percent: {
      range: 'Vul een percentage van 0 tot en met 100 in.',
      decimals: 'Gebruik hoogstens twee cijfers achter de komma.',
    },
    gainPlusFund: 'Het aandeel van de aanbieders en dat van het revolverend fonds samen mogen niet meer dan 100% zijn.',
    weight: { invalid: 'Vul een gewicht groter dan 0 in, met hoogstens zes cijfers achter de komma.' },
    weights: { empty: 'Geef ten minste één aanbieder een gewicht.' },
    scope: {
      invalid: 'Kies of de regel voor het hele pact of voor één resultaatgebied geldt.',
      unknownResultArea: 'Dit resultaatgebied bestaat niet (meer).',
      duplicate: 'Hiervoor bestaat al een risicoverdelingsregel.',
    },
    division: { invalid: 'Kies hoe het aandeel van de aanbieders wordt verdeeld.' },
    whatIf: {
      noRule: 'Voor dit onderdeel is geen risicoverdelingsregel afgesproken.',
      noBudget: 'Voor dit onderdeel is in dat jaar geen budget afgesproken.',
      noProviders: 'Geen verantwoordelijke aanbieder heeft in dat jaar budget voor dit onderdeel.',
    },
  },
}
