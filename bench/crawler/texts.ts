/**
 * Sentence pools for the synthetic ads, Dutch and English. Deliberately non-explicit: the
 * linking and the indicators work on structure (templates, slots, identifiers), not on content.
 * Each entry lists alternatives for parts, so independent advertisers rarely share sentences.
 */
export type Lang = 'nl' | 'en';

export const INTROS: Record<Lang, string[]> = {
  nl: [
    'Hoi, ik ben {name}, {age} jaar en nu in {city}.',
    'Hallo heren, mijn naam is {name} ({age}) en ik ben deze week in {city}.',
    'Nieuw in {city}: {name}, {age} jaar, vriendelijk en spontaan.',
    'Ik ben {name}, een {age}-jarige dame die net in {city} is aangekomen.',
    'Welkom bij {name}, {age} jaar, tijdelijk in {city}.',
  ],
  en: [
    'Hi, I am {name}, {age} years old and now in {city}.',
    'Hello gentlemen, my name is {name} ({age}) and I am in {city} this week.',
    'New in {city}: {name}, {age} years, friendly and spontaneous.',
    'I am {name}, a {age} years young lady who just arrived in {city}.',
    'Welcome to {name}, {age} years, visiting {city} for a short time.',
  ],
};

/** [first part alternatives, second part alternatives]: sentence = a + ' ' + b. */
export const BODY: Record<Lang, [string[], string[]][]> = {
  nl: [
    [
      ['Ik ontvang je graag', 'Je bent welkom', 'Ik verwelkom je'],
      [
        'in een schone en discrete woning.',
        'in een rustig appartement.',
        'op een gezellige en nette locatie.',
      ],
    ],
    [
      ['Ik hou van', 'Ik geniet van', 'Mijn hobby is'],
      [
        'lange wandelingen langs het water.',
        'goede gesprekken bij een kop thee.',
        'muziek en dansen in het weekend.',
      ],
    ],
    [
      ['Afspraken alleen', 'Bezoek graag'],
      [
        'na telefonisch contact.',
        'op afspraak, minimaal een uur van tevoren.',
        'met respect en goede hygiëne.',
      ],
    ],
    [
      ['Ik spreek', 'Ik praat graag in'],
      ['Nederlands en Engels.', 'Engels en een beetje Duits.', 'Engels, Spaans en Italiaans.'],
    ],
    [
      ['Mijn woning is', 'De locatie is'],
      [
        'goed bereikbaar met het openbaar vervoer.',
        'vlakbij het station met gratis parkeren.',
        'in een rustige wijk aan de rand van de stad.',
      ],
    ],
    [
      ['Ik ben', 'Men noemt mij'],
      [
        'een lieve en geduldige vrouw.',
        'vrolijk, zorgzaam en altijd goed gehumeurd.',
        'een echte levensgenieter met een warme lach.',
      ],
    ],
    [
      ['Massage', 'Een ontspannen avond'],
      [
        'met warme olie en zachte muziek.',
        'met een glas wijn en een goed gesprek.',
        'om de stress van de week te vergeten.',
      ],
    ],
    [
      ['Bel of app', 'Stuur een bericht'],
      ['voor meer informatie.', 'als je vragen hebt.', 'en ik reageer zo snel mogelijk.'],
    ],
    [
      ['Ik heb', 'Je treft hier'],
      [
        'een zachte stem en lange donkere haren.',
        'blond haar en blauwe ogen.',
        'krullend haar en een sportief figuur.',
      ],
    ],
    [
      ['Discretie', 'Privacy'],
      ['is voor mij heel belangrijk.', 'staat bij mij voorop.', 'is gegarandeerd.'],
    ],
    [
      ['In het weekend', 'Op doordeweekse avonden'],
      ['ben ik het best bereikbaar.', 'heb ik de meeste tijd.', 'ontvang ik alleen vaste gasten.'],
    ],
    [
      ['Ik reis', 'Volgende maand ga ik'],
      ['graag door heel Nederland.', 'misschien naar het buitenland.', 'weer terug naar huis.'],
    ],
  ],
  en: [
    [
      ['I welcome you', 'You are welcome', 'I receive you'],
      ['in a clean and discreet apartment.', 'in a quiet private studio.', 'at a cosy and tidy location.'],
    ],
    [
      ['I love', 'I enjoy', 'My hobby is'],
      [
        'long walks along the water.',
        'good conversations over a cup of tea.',
        'music and dancing at the weekend.',
      ],
    ],
    [
      ['Appointments only', 'Visits please'],
      [
        'after a phone call.',
        'by appointment, at least one hour in advance.',
        'with respect and good hygiene.',
      ],
    ],
    [
      ['I speak', 'I like to talk in'],
      ['English and a little Dutch.', 'English and some German.', 'English, Spanish and Italian.'],
    ],
    [
      ['My place is', 'The location is'],
      [
        'easy to reach by public transport.',
        'close to the station with free parking.',
        'in a quiet area at the edge of town.',
      ],
    ],
    [
      ['I am', 'People call me'],
      [
        'a sweet and patient woman.',
        'cheerful, caring and always in a good mood.',
        'a real bon vivant with a warm smile.',
      ],
    ],
    [
      ['A massage', 'A relaxing evening'],
      [
        'with warm oil and soft music.',
        'with a glass of wine and a nice talk.',
        'to forget the stress of the week.',
      ],
    ],
    [
      ['Call or text', 'Send a message'],
      ['for more information.', 'if you have any questions.', 'and I will answer as soon as possible.'],
    ],
    [
      ['I have', 'You will find'],
      ['a soft voice and long dark hair.', 'blond hair and blue eyes.', 'curly hair and a sporty figure.'],
    ],
    [
      ['Discretion', 'Privacy'],
      ['is very important to me.', 'comes first with me.', 'is guaranteed.'],
    ],
    [
      ['At the weekend', 'On weekday evenings'],
      ['I am easiest to reach.', 'I have the most time.', 'I only see regular guests.'],
    ],
    [
      ['I travel', 'Next month I will go'],
      ['all over the Netherlands.', 'perhaps abroad.', 'back home again.'],
    ],
  ],
};

/** Phrases that trigger risk indicators; operators use them more often than independents. */
export const RISK_PHRASES: Record<Lang, string[]> = {
  nl: [
    '24/7 beschikbaar, ook \u2019s nachts.',
    'Zij is nieuw en pas net in Nederland, bel haar via ons nummer.',
    'Jong en onervaren meisje, net 18.',
    'Alles mogelijk, zonder bescherming bespreekbaar.',
    'Nieuwe meisjes elke week, vraag naar onze dames.',
  ],
  en: [
    'Available 24/7, day and night.',
    'She is new and just arrived in the Netherlands, call her via our number.',
    'Young and inexperienced girl, just 18.',
    'Everything possible, without protection negotiable.',
    'New girls every week, ask for our ladies.',
  ],
};

export const NAMES = [
  'Lisa',
  'Sanne',
  'Emma',
  'Julia',
  'Anna',
  'Sophie',
  'Mila',
  'Nina',
  'Eva',
  'Lotte',
  'Sara',
  'Noa',
  'Tess',
  'Iris',
  'Fleur',
  'Roos',
  'Maya',
  'Elena',
  'Daria',
  'Ioana',
  'Bianca',
  'Katya',
  'Mira',
  'Lena',
  'Vera',
  'Zoe',
  'Chloe',
  'Amber',
  'Jade',
  'Luna',
  'Bella',
  'Nadia',
  'Olga',
  'Alina',
  'Carmen',
  'Paula',
  'Rosa',
  'Sofia',
  'Yara',
];

export const CITIES = [
  'Amsterdam',
  'Rotterdam',
  'Den Haag',
  'Utrecht',
  'Eindhoven',
  'Groningen',
  'Tilburg',
  'Almere',
  'Breda',
  'Nijmegen',
  'Arnhem',
  'Haarlem',
  'Enschede',
  'Zwolle',
  'Leiden',
  'Maastricht',
  'Amersfoort',
  'Apeldoorn',
];

export const TITLES: Record<Lang, string[]> = {
  nl: [
    '{name} ({age}) in {city}',
    'Nieuw: {name} in {city}',
    '{name}, {age} jaar',
    'Lieve {name} uit {city}',
  ],
  en: ['{name} ({age}) in {city}', 'New: {name} in {city}', '{name}, {age} years', 'Sweet {name} in {city}'],
};

/**
 * Words an advertiser slips into a sentence; they make independent texts as varied as real ones
 * (with only the parts above, a million ads would repeat each other by chance).
 */
export const MODIFIERS: Record<Lang, string[]> = {
  nl: [
    '',
    'graag',
    'altijd',
    'echt',
    'heel',
    'meestal',
    'ook',
    'zeker',
    'vaak',
    'gewoon',
    'juist',
    'nog steeds',
    'vooral',
  ],
  en: [
    '',
    'really',
    'always',
    'usually',
    'also',
    'certainly',
    'often',
    'simply',
    'especially',
    'still',
    'truly',
    'mostly',
    'gladly',
  ],
};
