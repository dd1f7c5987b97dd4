//! Word lists the generator draws from: pôles of a French CHU with their
//! consultation secretariats, French first names and surnames. Pure data;
//! the lists are fixed so that a seed always gives the same instance.

/// A pôle of a CHU: its name, a short code used in ids, the name of its
/// reception / plateau secretariat, and its consultation specialties
/// (id, secretariat name).
pub(crate) struct PoleTemplate {
    /// "Pôle Cœur-Poumons".
    pub name: &'static str,
    /// "CP": suffix of the reception and pool ids.
    pub code: &'static str,
    /// "Accueil plateau Cœur-Poumons".
    pub reception: &'static str,
    /// Consultation secretariats, most typical first.
    pub specialties: &'static [(&'static str, &'static str)],
}

/// Pôles in the order they are used (a CHU of 40·n agents gets the first n).
pub(crate) const POLES: &[PoleTemplate] = &[
    PoleTemplate {
        name: "Pôle Cœur-Poumons",
        code: "CP",
        reception: "Accueil plateau Cœur-Poumons",
        specialties: &[
            ("CARDIO", "Secrétariat de cardiologie"),
            ("PNEUMO", "Secrétariat de pneumologie"),
            ("EFR", "Secrétariat des explorations fonctionnelles"),
            ("RYTHMO", "Secrétariat de rythmologie"),
            ("CTCV", "Secrétariat de chirurgie thoracique et cardiovasculaire"),
        ],
    },
    PoleTemplate {
        name: "Pôle Neurosciences",
        code: "NS",
        reception: "Accueil plateau Neurosciences",
        specialties: &[
            ("NEURO", "Secrétariat de neurologie"),
            ("NCH", "Secrétariat de neurochirurgie"),
            ("EEG", "Secrétariat de neurophysiologie clinique"),
            ("MPR", "Secrétariat de médecine physique et réadaptation"),
            ("DOUL", "Secrétariat du centre de la douleur"),
        ],
    },
    PoleTemplate {
        name: "Pôle Digestif",
        code: "DIG",
        reception: "Accueil plateau Digestif",
        specialties: &[
            ("HGE", "Secrétariat d'hépato-gastro-entérologie"),
            ("CHDIG", "Secrétariat de chirurgie digestive"),
            ("ENDOS", "Secrétariat des endoscopies"),
            ("NUTRI", "Secrétariat de nutrition"),
            ("PROCTO", "Secrétariat de proctologie"),
        ],
    },
    PoleTemplate {
        name: "Pôle Femme-Mère-Enfant",
        code: "FME",
        reception: "Accueil plateau Femme-Mère-Enfant",
        specialties: &[
            ("GYNE", "Secrétariat de gynécologie"),
            ("OBST", "Secrétariat d'obstétrique"),
            ("PED", "Secrétariat de pédiatrie"),
            ("CHPED", "Secrétariat de chirurgie pédiatrique"),
            ("PMA", "Secrétariat d'assistance médicale à la procréation"),
        ],
    },
    PoleTemplate {
        name: "Pôle Médecines",
        code: "MED",
        reception: "Accueil plateau Médecines",
        specialties: &[
            ("MI", "Secrétariat de médecine interne"),
            ("ENDOC", "Secrétariat d'endocrinologie"),
            ("RHUMATO", "Secrétariat de rhumatologie"),
            ("DERMATO", "Secrétariat de dermatologie"),
            ("INFECTIO", "Secrétariat des maladies infectieuses"),
        ],
    },
    PoleTemplate {
        name: "Pôle Tête et Cou",
        code: "TC",
        reception: "Accueil plateau Tête et Cou",
        specialties: &[
            ("ORL", "Secrétariat d'ORL"),
            ("OPH", "Secrétariat d'ophtalmologie"),
            ("CMF", "Secrétariat de chirurgie maxillo-faciale"),
            ("STOMATO", "Secrétariat d'odontologie"),
        ],
    },
    PoleTemplate {
        name: "Pôle Urologie-Néphrologie",
        code: "UN",
        reception: "Accueil plateau Urologie-Néphrologie",
        specialties: &[
            ("URO", "Secrétariat d'urologie"),
            ("NEPHRO", "Secrétariat de néphrologie"),
            ("DIAL", "Secrétariat de dialyse"),
            ("TRANSP", "Secrétariat de transplantation rénale"),
        ],
    },
    PoleTemplate {
        name: "Pôle Cancérologie",
        code: "ONC",
        reception: "Accueil plateau Cancérologie",
        specialties: &[
            ("ONCO", "Secrétariat d'oncologie médicale"),
            ("HEMATO", "Secrétariat d'hématologie"),
            ("RADIOTH", "Secrétariat de radiothérapie"),
            ("SOINSPAL", "Secrétariat de soins palliatifs"),
        ],
    },
    PoleTemplate {
        name: "Pôle Locomoteur",
        code: "LOC",
        reception: "Accueil plateau Locomoteur",
        specialties: &[
            ("ORTHO", "Secrétariat de chirurgie orthopédique"),
            ("TRAUMA", "Secrétariat de traumatologie"),
            ("MAINS", "Secrétariat de chirurgie de la main"),
            ("MEDSPORT", "Secrétariat de médecine du sport"),
        ],
    },
    PoleTemplate {
        name: "Pôle Imagerie",
        code: "IMG",
        reception: "Accueil plateau Imagerie",
        specialties: &[
            ("RADIO", "Secrétariat de radiologie"),
            ("IRM", "Secrétariat d'IRM"),
            ("SCANNER", "Secrétariat du scanner"),
            ("MNUC", "Secrétariat de médecine nucléaire"),
        ],
    },
];

/// First names of the secretaries (mostly women, as in the profession).
pub(crate) const FIRST_NAMES: &[&str] = &[
    "Nathalie", "Isabelle", "Sandrine", "Valérie", "Céline", "Sophie", "Stéphanie", "Karine",
    "Laetitia", "Émilie", "Aurélie", "Virginie", "Christelle", "Sylvie", "Martine", "Catherine",
    "Patricia", "Véronique", "Delphine", "Julie", "Camille", "Laura", "Manon", "Pauline", "Marion",
    "Audrey", "Élodie", "Caroline", "Fabienne", "Corinne", "Nadia", "Samira", "Fatima", "Chantal",
    "Brigitte", "Dominique", "Anne", "Hélène", "Mélanie", "Sabrina", "Agnès", "Magali", "Ophélie",
    "Justine", "Chloé", "Léa", "Inès", "Yasmina", "Christophe", "Nicolas", "Thomas", "Julien",
];

/// Surnames, of the agents and of the doctors named in consultation labels.
pub(crate) const SURNAMES: &[&str] = &[
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
    "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller",
    "Henry", "Roussel", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez",
    "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis",
    "Lemaire", "Duval", "Joly", "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Perez",
    "Marchand", "Dufour", "Blanchard", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux",
    "Colin", "Fernandez", "Renard", "Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc",
    "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard", "Gaillard", "Lacroix", "Fabre", "Dupuis",
    "Olivier", "Hubert", "Rivière", "Le Gall", "Guillaume", "Moulin", "Berger", "Lecomte",
    "Ménard", "Fleury", "Deschamps", "Carpentier", "Benoît", "Maillard", "Aubry", "Vasseur",
    "Le Roux", "Renault", "Jacquet", "Prévost", "Poirier", "Charpentier", "Huet", "Baron",
    "Dupuy", "Pons", "Breton", "Rémy", "Schneider", "Perrot", "Guyot", "Marty", "Cousin",
];
