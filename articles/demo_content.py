"""Demo content for seed_demo: six fictional analysts and sixteen original forecast articles."""

AUTHORS = [
    {
        "name": "Maya Lindqvist",
        "slug": "maya-lindqvist",
        "bio": (
            "Maya Lindqvist is Veridact's technology correspondent, covering semiconductors, "
            "telecoms standards and the business of platforms. She spent eight years reporting "
            "from chip-industry conferences in Taipei, Seoul and San Jose before joining the desk."
        ),
    },
    {
        "name": "Tomás Ferreira",
        "slug": "tomas-ferreira",
        "bio": (
            "Tomás Ferreira is a sports data analyst who builds Veridact's rating models for "
            "football, rugby and baseball. He previously worked on recruitment analytics for a "
            "second-division football club."
        ),
    },
    {
        "name": "Ruth Adebayo",
        "slug": "ruth-adebayo",
        "bio": (
            "Ruth Adebayo is Veridact's markets editor, writing about central banks, market "
            "plumbing and the IPO pipeline. She spent a decade on a bond-trading desk before "
            "turning to journalism."
        ),
    },
    {
        "name": "Jonah Whitfield",
        "slug": "jonah-whitfield",
        "bio": (
            "Jonah Whitfield is Veridact's games critic, covering hardware cycles, publishing "
            "economics and competitive gaming. He has reviewed games professionally since the Wii "
            "era."
        ),
    },
    {
        "name": "Elena Marsh",
        "slug": "elena-marsh",
        "bio": (
            "Elena Marsh is Veridact's forecasting editor. She oversees the desk's probability "
            "estimates, keeps score of how they turn out and writes about base rates and "
            "calibration."
        ),
    },
    {
        "name": "Samir Haddad",
        "slug": "samir-haddad",
        "bio": (
            "Samir Haddad is a policy writer covering European and American regulation of "
            "technology, finance and consumer markets. He trained as a competition lawyer before "
            "moving into analysis."
        ),
    },
]

ARTICLES = [
    {
        "category": "tech",
        "slug": "first-6g-specifications-freeze-on-schedule",
        "title": "Will the first 6G specifications freeze on schedule at the end of 2028?",
        "headline": (
            "We expect the first 6G specifications to land within six months of target, with a "
            "slimmer feature set than early roadmaps promised."
        ),
        "summary": (
            "Standards engineers are moving 6G from study to specification, with a working target "
            "of freezing the first normative release around the end of 2028. History says the "
            "mobile industry's standards body hits its dates more often than critics assume, "
            "usually by trimming scope rather than slipping. The bigger question is how much of "
            "the promised 6G survives into version one."
        ),
        "authors": ["maya-lindqvist"],
        "published_days_ago": 8,
        "updated_days_ago": None,
        "update_note": "",
        "featured": False,
        "outlook": (
            "Our central estimate is that Release 21, the first set of 6G specifications, reaches "
            "functional freeze no more than two quarters after its current target, with about a "
            "one-in-four chance of a longer slip. The reason for optimism is structural: 3GPP "
            "works on a release train, and when a feature is not ready the usual remedy is to move "
            "it to the next release rather than hold the whole train. That mechanism protected the "
            "5G schedule in 2017 and 2018, and many of the same operators and vendors are steering "
            "6G.\n\n"
            "The risk sits in *scope*. Early 6G roadmaps promised integrated sensing, native AI in "
            "the air interface, sub-terahertz spectrum and satellite coverage in a single package. "
            "Operators, many of which are still waiting for 5G standalone networks to pay off, "
            "have pushed for something narrower: a new air interface for the upper mid-band around "
            "7 to 8 GHz, better energy efficiency and a cleaner core network. We expect the first "
            "release to look much closer to the operators' list than to the research "
            "community's.\n\n"
            "Three signals over the next year will tell us whether the schedule is safe. If all "
            "three break favorably, an on-time freeze becomes the most likely outcome rather than "
            "merely a plausible one:\n"
            "- whether study items on AI-native air interfaces become formal work items or stay as "
            "studies;\n"
            "- how quickly regulators identify upper mid-band spectrum, the main input the radio "
            "designs depend on;\n"
            "- whether vendors split into rival camps over the new waveform, which is what slowed "
            "parts of 5G."
        ),
        "background": (
            "3GPP, the partnership of regional standards bodies that writes mobile specifications, "
            "organizes its work into numbered releases. Release 15 delivered the first 5G New "
            "Radio specifications, Releases 16 and 17 extended them, and Release 18 was branded "
            "5G-Advanced. Release 20 is a transitional release that carries further 5G-Advanced "
            "work alongside the first formal 6G studies, and Release 21 is expected to contain the "
            "first normative 6G specifications that equipment can actually be built to.\n\n"
            "The International Telecommunication Union frames the effort under the label IMT-2030, "
            "with a timetable in which candidate technologies are evaluated toward the end of the "
            "decade and commercial services begin around 2030. The ITU's [framework "
            "recommendation](https://example.org/itu/imt-2030-framework) lists usage scenarios "
            "such as immersive communication, massive connectivity and integrated sensing. Those "
            "labels are deliberately broad; the hard engineering choices are made inside 3GPP "
            "working groups, meeting by meeting and contribution by contribution.\n\n"
            "Spectrum is the other moving part. The 2027 World Radiocommunication Conference will "
            "consider identifying bands in the 7 to 8 GHz range, among others, for mobile use. "
            "Chipset designers prefer to know the target bands before committing silicon, and "
            "operators need those bands to justify buying new radios. If the conference outcome is "
            "muddy, 6G can still be standardized on time, but deployment timetables would likely "
            "stretch, and the first networks would lean more heavily on existing 5G frequencies."
        ),
        "precedents": (
            "The cleanest comparison is 5G itself. In 2017, a group of large operators lobbied for "
            "an accelerated “early drop” of non-standalone New Radio so that launches could begin "
            "in 2019. 3GPP delivered it in December 2017, essentially on schedule, and the "
            "remaining Release 15 pieces followed in 2018, with a “late drop” in 2019. The lesson "
            "is that the standards body can move quickly when large operators agree on priorities, "
            "and that schedules bend by splitting releases rather than by breaking.\n\n"
            "Not every release has been so tidy. Releases 16 and 17 were both pushed back in 2020 "
            "after in-person meetings stopped and working groups moved to electronic sessions, and "
            "Release 17's freeze moved from 2021 into 2022. Those delays were caused by an "
            "external shock rather than by technical disagreement, but they show the realistic "
            "size of a slip when the process is under strain: quarters, not years. Our one-in-four "
            "estimate for a longer delay already allows for a repeat.\n\n"
            "An older precedent cuts the other way. LTE-Advanced features such as coordinated "
            "multipoint transmission were standardized on time but took years to matter "
            "commercially, because the business case lagged the specification. That is the outcome "
            "many operators fear for 6G: a standard that arrives promptly and then waits for "
            "demand. A punctual freeze, in other words, is necessary for a 2030 launch but tells "
            "us little about whether 6G will be a commercial success once it arrives."
        ),
        "why_it_matters": (
            "The timing of the first 6G specification sets the clock for the next decade of "
            "network spending. Vendors plan chip tape-outs, operators plan capital budgets and "
            "governments plan spectrum auctions around it.\n\n"
            "A slip of a year would push the first large-scale deployments into the early 2030s "
            "and extend the life of 5G-Advanced, which some cash-constrained operators would "
            "quietly welcome."
        ),
        "scenarios": [
            {
                "title": "On time, with a trimmed scope",
                "analysis": (
                    "Release 21 freezes within a quarter of target with a narrower feature set "
                    "focused on the new air interface and energy efficiency. Ambitious features "
                    "such as sub-terahertz links are deferred to later releases."
                ),
                "probability": 50,
            },
            {
                "title": "Modest slip of three to nine months",
                "analysis": (
                    "Disagreement over the waveform or AI-native features, or a thin spectrum "
                    "outcome in 2027, pushes the freeze into 2029. Commercial timelines absorb the "
                    "delay with little visible effect on 2030 launches."
                ),
                "probability": 30,
            },
            {
                "title": "Major delay beyond 2029",
                "analysis": (
                    "Competing vendor camps or a geopolitical split in standards participation "
                    "stall key work items. First commercial 6G services would then slide into the "
                    "early 2030s."
                ),
                "probability": 12,
            },
            {
                "title": "Ahead of schedule",
                "analysis": (
                    "Operators push for an early drop, as they did with 5G, and 3GPP delivers a "
                    "limited first specification before the target date. This is rare and requires "
                    "unusual consensus."
                ),
                "probability": 8,
            },
        ],
        "timeline": [
            {
                "date": "2017-12-XX",
                "title": "5G “early drop” approved",
                "description": (
                    "3GPP completes non-standalone 5G New Radio ahead of the rest of Release 15, "
                    "setting a template for accelerated delivery."
                ),
            },
            {
                "date": "2024-03-XX",
                "title": "Release 18 reaches its freeze",
                "description": (
                    "The first 5G-Advanced release is completed, forming the baseline from which "
                    "6G studies start."
                ),
            },
            {
                "date": "2025-XX-XX",
                "title": "Formal 6G studies get under way",
                "description": (
                    "Release 20 study items on the 6G radio and core network begin in 3GPP working "
                    "groups."
                ),
            },
            {
                "date": "2027-XX-XX",
                "title": "World Radiocommunication Conference",
                "description": (
                    "Regulators consider identifying upper mid-band spectrum for mobile use, a key "
                    "input for 6G radio design."
                ),
            },
            {
                "date": "2028-12-XX",
                "title": "Working target for Release 21 freeze",
                "description": (
                    "The first normative 6G specifications are due to be functionally complete."
                ),
            },
            {
                "date": "2030-XX-XX",
                "title": "First commercial 6G services expected",
                "description": (
                    "Early launches are likely in markets that moved fastest on 5G and on new "
                    "spectrum."
                ),
            },
        ],
        "faq": [
            {
                "question": "What is the difference between 5G-Advanced and 6G?",
                "answer": (
                    "5G-Advanced is a set of upgrades to the existing 5G standard, delivered in "
                    "Releases 18 to 20, that runs on today's network architecture. 6G refers to a "
                    "new generation with its own air interface, expected to be specified starting "
                    "in Release 21. Devices and networks will need new hardware to use it."
                ),
            },
            {
                "question": "Does a late standard mean my phone gets 6G later?",
                "answer": (
                    "Only indirectly. Phones typically support a new generation a year or more "
                    "after the specifications freeze, once chipsets have been designed and "
                    "certified, so a six-month slip usually means a similar delay for the first "
                    "devices. Network coverage, which depends on operator spending, matters more "
                    "for most people."
                ),
            },
            {
                "question": "Why does spectrum matter so much to the timetable?",
                "answer": (
                    "Radio designs are optimized for particular frequency ranges. If regulators do "
                    "not agree on which upper mid-band frequencies to release, chipmakers have to "
                    "hedge across several bands, which raises costs and slows deployment even when "
                    "the standard itself is ready."
                ),
            },
        ],
    },
    {
        "category": "tech",
        "slug": "tsmc-a14-volume-production-2028",
        "title": "Will TSMC's A14 process reach volume production in 2028 as planned?",
        "headline": (
            "TSMC's track record makes a 2028 ramp the likeliest outcome; the risk lies in cost "
            "and customer appetite, not in physics."
        ),
        "summary": (
            "TSMC has said its A14 process will enter production in 2028, the step after the "
            "2-nanometer generation that began ramping in late 2025. The company has hit most of "
            "its recent node dates within a few quarters. We put the odds of meaningful A14 volume "
            "in calendar 2028 at roughly 70 percent."
        ),
        "authors": ["maya-lindqvist"],
        "published_days_ago": 21,
        "updated_days_ago": None,
        "update_note": "",
        "featured": False,
        "outlook": (
            "We estimate a 70 percent chance that A14 reaches volume production, meaning wafers "
            "shipping for revenue to at least one major customer, before the end of 2028. That is "
            "below TSMC's own stated confidence but well above the odds we would give most rivals' "
            "roadmaps. The company's cadence since the 7-nanometer generation has been a new major "
            "node roughly every two to three years, and the slips it has suffered have generally "
            "been measured in quarters rather than years.\n\n"
            "The technical risk is real but manageable. A14 builds on the nanosheet transistor "
            "structure introduced at N2, so the foundry is refining a design it already runs in "
            "volume rather than changing architectures again. The first version is also expected "
            "to ship without backside power delivery, which TSMC has said will follow in a later "
            "variant. Separating the two changes reduces the chance that a problem in one holds up "
            "the other, a lesson the industry learned at painful cost in the past decade.\n\n"
            "The larger uncertainty is *economic*. Leading-edge wafers have become so expensive "
            "that only a handful of customers, mostly smartphone and AI accelerator designers, can "
            "justify them in the first year. If AI infrastructure spending cools, or a key "
            "customer decides that refined versions of N2 are good enough, TSMC could pace the "
            "ramp more slowly. That would look like a delay from the outside even if the process "
            "itself is ready on time, and it is the main reason our estimate is not higher."
        ),
        "background": (
            "Node names no longer describe any physical dimension; they are labels for successive "
            "improvements in density, speed and power. TSMC's roadmap runs from N3, which ramped "
            "in 2023, through N2 in late 2025 and A16 in the second half of 2026, to A14. The "
            "letter refers to angstroms, a unit one-tenth of a nanometer, and signals the "
            "industry's move beyond the single-digit-nanometer naming era that began with the "
            "7-nanometer generation about a decade ago.\n\n"
            "TSMC presented A14 at its 2025 technology symposium, promising a meaningful speed or "
            "power improvement and higher logic density over N2, with production planned for 2028. "
            "The company's [roadmap materials](https://example.org/foundry/a14-roadmap) frame A14 "
            "as a full-node step rather than an incremental variant. Capital spending to support "
            "it is being directed mainly to fabs in Taiwan, while sites in Arizona, Japan and "
            "Germany run older processes or trail the leading edge by a generation or more.\n\n"
            "Competitors are chasing similar milestones. Intel has tied the future of its own 14A "
            "node to winning external foundry customers, and Samsung has been working to improve "
            "yields on its gate-all-around processes. Neither has matched TSMC's record of "
            "shipping leading-edge nodes at high yield, which is why most large chip designers "
            "continue to book TSMC capacity first. That concentration gives TSMC pricing power, "
            "but it also means that any delay at A14 would become an industry-wide event."
        ),
        "precedents": (
            "TSMC's own history is the natural base rate. N7 and N5 arrived broadly on the "
            "schedules the company set two to three years ahead. N3 was the exception: initial "
            "volume slipped by a few months in 2022, and the first variant saw limited adoption, "
            "with most customers waiting for the improved N3E. Even that stumble cost quarters, "
            "not years, and revenue from the node climbed steeply once the refined version "
            "arrived. On that record, a 2028 start looks more likely than not.\n\n"
            "Intel's experience at 10 nanometers is the cautionary precedent. Announced for 2016, "
            "the node did not reach healthy high-volume production until around 2019, in part "
            "because the company attempted several aggressive changes at once. The episode is why "
            "analysts now pay close attention to how many new techniques a node introduces. By "
            "that measure, the decision to keep new transistors, new interconnects and backside "
            "power on separate schedules makes A14 a relatively conservative step.\n\n"
            "A third precedent concerns demand rather than engineering. TSMC's 20-nanometer node "
            "was delivered in 2014 but was quickly overshadowed by FinFET-based successors, and "
            "many customers skipped it. A node can be on time and still become a commercial "
            "footnote. For A14, heavy demand from AI accelerators makes that fate unlikely, but a "
            "rapid shift toward a backside-power variant could shorten the life of the first "
            "version and change how TSMC schedules its ramp."
        ),
        "why_it_matters": (
            "Leading-edge process timing sets the performance ceiling for nearly every high-end "
            "chip released in the following two years, from phone processors to data-center "
            "accelerators. A delay at TSMC would ripple into product roadmaps across the industry, "
            "while an on-time ramp would widen its lead over rival foundries at a moment when "
            "governments are spending heavily to build alternatives."
        ),
        "scenarios": [
            {
                "title": "Volume production in 2028",
                "analysis": (
                    "A14 ships revenue wafers to at least one large customer during 2028, most "
                    "likely a smartphone chip designer followed by AI accelerator makers. This is "
                    "the outcome TSMC's history and public guidance point to."
                ),
                "probability": 70,
            },
            {
                "title": "Ramp slides into 2029",
                "analysis": (
                    "Yield learning takes longer than expected, or customers delay their tape-outs "
                    "because of cost, and meaningful volume starts in 2029. TSMC would likely "
                    "describe 2028 as a year of risk production without material revenue."
                ),
                "probability": 22,
            },
            {
                "title": "Roadmap restructured",
                "analysis": (
                    "A14 is merged with its backside-power variant or substantially redefined, "
                    "making the original 2028 target moot. This would most likely follow a sharp "
                    "drop in leading-edge demand."
                ),
                "probability": 8,
            },
        ],
        "timeline": [
            {
                "date": "2022-12-29",
                "title": "N3 volume production begins",
                "description": (
                    "TSMC marks the start of 3-nanometer production, a few months later than first "
                    "indicated."
                ),
            },
            {
                "date": "2025-04-XX",
                "title": "A14 unveiled",
                "description": (
                    "TSMC presents A14 at its annual technology symposium with a 2028 production "
                    "target."
                ),
            },
            {
                "date": "2026-XX-XX",
                "title": "A16 scheduled to ramp",
                "description": (
                    "The first TSMC node with backside power delivery is due to enter production "
                    "in the second half of the year."
                ),
            },
            {
                "date": "2028-XX-XX",
                "title": "A14 production target",
                "description": (
                    "The first A14 variant, without backside power, is scheduled to begin volume "
                    "manufacturing."
                ),
            },
            {
                "date": "2029-XX-XX",
                "title": "Backside-power version of A14 expected",
                "description": (
                    "A later A14 variant adds backside power delivery for high-performance "
                    "customers."
                ),
            },
        ],
        "faq": [
            {
                "question": "What does “volume production” mean in this forecast?",
                "answer": (
                    "We count it when wafers are shipping for revenue to at least one major "
                    "customer in commercial quantities, not when test chips or risk-production "
                    "lots are made. Foundries sometimes announce production starts before volumes "
                    "are meaningful, so we will look for confirmation in revenue disclosures."
                ),
            },
            {
                "question": "Why doesn't the first A14 version include backside power?",
                "answer": (
                    "Backside power delivery moves power wiring beneath the transistors, freeing "
                    "space and reducing losses, but it adds manufacturing complexity and design "
                    "work for customers. TSMC introduced it first at A16 for the customers that "
                    "need it most, and a staggered approach reduces the risk of compounding "
                    "problems."
                ),
            },
            {
                "question": "Could geopolitics change the timeline?",
                "answer": (
                    "It could, mostly through demand and export rules rather than through the "
                    "process itself. A direct disruption to Taiwan-based fabs would be a far "
                    "larger event than a node delay and is outside the scope of this forecast."
                ),
            },
        ],
    },
    {
        "category": "tech",
        "slug": "eu-ai-act-2027-deadline-older-general-purpose-models",
        "title": "Will Europe's August 2027 AI Act deadline for older general-purpose models hold?",
        "headline": (
            "The legal deadline is likely to stand; what will bend is how hard the EU's AI Office "
            "enforces it in the first year."
        ),
        "summary": (
            "Providers of general-purpose AI models that were already on the EU market before "
            "August 2025 must comply with the AI Act's model obligations by August 2, 2027. Unlike "
            "the high-risk rules, this date has attracted little political appetite for "
            "postponement. We expect it to hold, with enforcement that starts slowly and focuses "
            "on documentation rather than fines."
        ),
        "authors": ["samir-haddad", "maya-lindqvist"],
        "published_days_ago": 51,
        "updated_days_ago": 9,
        "update_note": (
            "Added a scenario on a possible carve-out for older open-weight models; other "
            "probabilities unchanged."
        ),
        "featured": False,
        "outlook": (
            "We give roughly a 75 percent chance that the August 2, 2027 deadline for older "
            "general-purpose models passes without legislative change. The political fight over "
            "simplification has centered on the high-risk chapter, where harmonized standards are "
            "late and compliance costs fall on thousands of companies that deploy AI. The model "
            "obligations, by contrast, apply to a few dozen providers, most of which have already "
            "spent two years preparing technical documentation and copyright policies under the "
            "voluntary code of practice.\n\n"
            "Holding the date is not the same as strict enforcement. The AI Office, the Commission "
            "unit that supervises general-purpose models, has signaled a collaborative approach in "
            "which signatories to the code are treated as acting in good faith. We expect the "
            "first year after the deadline to feature information requests and public guidance "
            "rather than penalties. A formal fine against a model provider before the end of 2028 "
            "looks unlikely, at around one chance in five.\n\n"
            "The main risk to the date is a broad simplification package that sweeps model "
            "obligations into a wider delay. That could happen if negotiators trade timelines "
            "across chapters in the final stages of talks, or if transatlantic trade tensions turn "
            "AI rules into a bargaining chip. We will revise our estimate if the Council or "
            "Parliament tables amendments to the Act's transitional provisions for general-purpose "
            "models, rather than only to the high-risk timetable."
        ),
        "background": (
            "The AI Act entered into force on August 1, 2024, with obligations phased in over "
            "three years. Prohibitions on certain practices applied from February 2025. "
            "Obligations for providers of general-purpose AI models, including technical "
            "documentation, a copyright policy and a public summary of training content, applied "
            "from August 2, 2025 for new models. Models already on the market at that date "
            "received a two-year grace period, which ends in August 2027.\n\n"
            "Models deemed to carry *systemic risk*, a category tied initially to a "
            "training-compute threshold of 10²⁵ floating-point operations, face additional duties: "
            "model evaluations, adversarial testing, serious-incident reporting and cybersecurity "
            "protections. The Commission's [guidelines on general-purpose "
            "models](https://example.org/eu/ai-office/gpai-guidelines) clarified how fine-tuning, "
            "modifications and open-source releases are treated, which matters for firms that have "
            "kept updating and fine-tuning older models during the grace period.\n\n"
            "A general-purpose AI code of practice, published in July 2025 after a "
            "multi-stakeholder drafting process, gives providers a way to demonstrate compliance. "
            "Most large developers signed it in whole or in part, though not all did. Signatories "
            "get more predictability; others must show compliance by other means and can expect "
            "closer scrutiny. The Commission gained the power to fine model providers from August "
            "2026, a year before the deadline for older models arrives."
        ),
        "precedents": (
            "EU digital rules have a mixed but mostly firm record on headline dates. The General "
            "Data Protection Regulation took effect on its May 2018 date despite widespread "
            "requests from industry for more time, and the Digital Markets Act's compliance "
            "deadline for designated gatekeepers in March 2024 also held. In both cases the "
            "flexibility came afterward, through enforcement priorities and lengthy "
            "investigations, rather than through postponement of the legal obligation itself.\n\n"
            "There are counterexamples. The Medical Device Regulation's transition periods were "
            "extended in 2020 and again in 2023, after the bodies that certify devices proved "
            "unable to keep up. The deforestation regulation's application date was pushed back by "
            "a year in late 2024. What those delays share is a capacity bottleneck that would have "
            "taken legitimate products off the market, which is exactly the argument now being "
            "made about the high-risk AI standards.\n\n"
            "The deadline for general-purpose models lacks that bottleneck. No third party needs "
            "to certify a model; providers self-assess and document, and the AI Office reviews. "
            "The closest analogue is the GDPR's record-keeping duties, which regulators enforced "
            "gently at first and more strictly over time. Our base rate for firm EU deadlines "
            "without a capacity problem is high, which is why we lean toward the August 2027 date "
            "holding."
        ),
        "why_it_matters": (
            "The deadline determines whether the most widely used AI systems in Europe, many of "
            "which predate the Act, come under the same transparency rules as newer models. It is "
            "also a test of whether the EU can simplify its digital rulebook without reopening "
            "every date in it."
        ),
        "scenarios": [
            {
                "title": "Deadline holds, light-touch start",
                "analysis": (
                    "The date passes unchanged and the AI Office spends the first year issuing "
                    "guidance and information requests. No fines are imposed on model providers "
                    "before 2029."
                ),
                "probability": 60,
            },
            {
                "title": "Deadline holds, early enforcement action",
                "analysis": (
                    "The AI Office opens a formal procedure against a provider of an older model "
                    "within a year of the deadline. The most likely trigger would be missing "
                    "documentation or a failure to respond to requests."
                ),
                "probability": 15,
            },
            {
                "title": "Deadline postponed in a wider package",
                "analysis": (
                    "Lawmakers fold the general-purpose model timetable into a broader delay of AI "
                    "Act obligations. This would most likely happen late in negotiations over the "
                    "high-risk chapter."
                ),
                "probability": 20,
            },
            {
                "title": "Targeted carve-out for older open models",
                "analysis": (
                    "Lawmakers narrow obligations for older open-weight models without moving the "
                    "date. We do not assign a probability because no such amendment has been "
                    "formally tabled."
                ),
                "probability": None,
            },
        ],
        "timeline": [
            {
                "date": "2024-08-01",
                "title": "AI Act enters into force",
                "description": "The regulation's obligations begin phasing in over three years.",
            },
            {
                "date": "2025-02-02",
                "title": "Prohibitions apply",
                "description": (
                    "Bans on certain AI practices, such as social scoring by public authorities, "
                    "take effect."
                ),
            },
            {
                "date": "2025-07-XX",
                "title": "Code of practice published",
                "description": (
                    "The voluntary code for general-purpose model providers is released after "
                    "months of drafting."
                ),
            },
            {
                "date": "2025-08-02",
                "title": "Model obligations apply to new models",
                "description": (
                    "Providers placing new general-purpose models on the EU market must comply "
                    "from this date."
                ),
            },
            {
                "date": "2026-08-02",
                "title": "Commission can fine model providers",
                "description": (
                    "The Commission's enforcement powers over general-purpose model providers take "
                    "effect."
                ),
            },
            {
                "date": "2027-08-02",
                "title": "Deadline for older models",
                "description": (
                    "Models placed on the market before August 2025 must meet the Act's model "
                    "obligations."
                ),
            },
        ],
        "faq": [
            {
                "question": "Which models count as “older” under this deadline?",
                "answer": (
                    "Any general-purpose AI model placed on the EU market before August 2, 2025. A "
                    "model that has been substantially modified since then may be treated as a new "
                    "model, in which case the 2025 obligations already apply."
                ),
            },
            {
                "question": "What are the maximum fines?",
                "answer": (
                    "For providers of general-purpose models, the Act allows fines of up to 3 "
                    "percent of worldwide annual turnover or 15 million euros, whichever is "
                    "higher. The Commission, not national regulators, imposes these fines."
                ),
            },
            {
                "question": "Does signing the code of practice guarantee compliance?",
                "answer": (
                    "No. It helps providers show that they meet the Act's requirements, but the AI "
                    "Office can still identify gaps. Providers that did not sign must demonstrate "
                    "compliance through their own documentation."
                ),
            },
        ],
    },
    {
        "category": "tech",
        "slug": "windows-10-share-when-paid-updates-end-2028",
        "title": (
            "How many PCs will still run Windows 10 when the last paid security updates end in "
            "2028?"
        ),
        "headline": (
            "Windows 10 will fade more slowly than Microsoft would like: we expect about one in "
            "seven Windows PCs to still run it in late 2028."
        ),
        "summary": (
            "Microsoft ended free support for Windows 10 in October 2025 and sells extended "
            "security updates to businesses that run out in October 2028. Past Windows transitions "
            "suggest a long tail that outlives every deadline. We expect Windows 10 to hold "
            "between 10 and 20 percent of Windows usage when the final paid updates stop."
        ),
        "authors": ["maya-lindqvist"],
        "published_days_ago": 33,
        "updated_days_ago": None,
        "update_note": "",
        "featured": False,
        "outlook": (
            "Our central estimate is that Windows 10 will account for about 14 percent of Windows "
            "desktop usage, as measured by web-traffic trackers, in October 2028, with a plausible "
            "range of 10 to 20 percent. That would mean tens of millions of machines running an "
            "operating system with no security patches at all, concentrated in small businesses, "
            "public-sector offices, industrial workstations and households with older hardware "
            "that fails Windows 11's requirements.\n\n"
            "The decline will be uneven. Large enterprises tend to finish migrations within a year "
            "or two of end of support, because auditors and cyber-insurers push them to. The "
            "slowest segment is households with working PCs that cannot officially upgrade because "
            "they lack a supported processor or a TPM 2.0 security chip. Any rise in memory and "
            "component prices, which feed directly into PC prices, would lengthen replacement "
            "cycles further and slow the shift.\n\n"
            "Two developments could speed things up. Microsoft could introduce more aggressive "
            "upgrade prompts or trade-in offers, and software vendors could drop Windows 10 "
            "support in browsers, security suites and games. The second matters more: when major "
            "browsers stopped supporting Windows 7 in early 2023, its remaining usage fell "
            "noticeably. We expect the leading browsers to keep supporting Windows 10 until at "
            "least the end of the paid update program, which limits that lever before 2028."
        ),
        "background": (
            "Windows 10 launched in July 2015 and became the most widely used desktop operating "
            "system in the world. Microsoft ended free security updates on October 14, 2025. "
            "Consumers could extend protection for one year, to October 2026, through a paid or "
            "reward-based enrollment, with more generous terms in the European Economic Area. "
            "Businesses can buy extended security updates for up to three years, with the price "
            "per device doubling each year.\n\n"
            "Windows 11, released in October 2021, requires relatively recent processors and a "
            "Trusted Platform Module, which ruled out many PCs that run Windows 10 perfectly well. "
            "That requirement is the main reason the transition has been slower than the move from "
            "Windows 7 to 10, which was offered as a free upgrade to most machines. [Web-based "
            "usage panels](https://example.org/data/desktop-os-share) showed Windows 11 overtaking "
            "Windows 10 only during 2025, nearly four years after launch.\n\n"
            "Usage figures come with caveats. Web-traffic panels measure page views, not installed "
            "machines, and they over-represent consumer browsing. Enterprise telemetry, shared "
            "occasionally by Microsoft and by asset-management vendors, tells a different story "
            "about corporate fleets. We use web-based share because it is public, consistent and "
            "long-running, and because it allows a direct comparison with previous Windows "
            "transitions that were measured the same way."
        ),
        "precedents": (
            "Windows XP is the classic long tail. When its support ended in April 2014, it still "
            "held roughly a quarter of desktop usage by common web-traffic measures. Two years "
            "later the figure was still near 10 percent, and pockets of XP persisted in cash "
            "machines and medical devices for years. XP's tail was long partly because its "
            "successor, Windows Vista, was unpopular, and many users skipped it and waited for "
            "Windows 7 before upgrading their machines.\n\n"
            "Windows 7 offers a closer analogue. Its free support ended in January 2020, when it "
            "still ran on roughly a quarter of Windows PCs by some trackers' counts, and paid "
            "extended updates for businesses ran until January 2023. By the time those paid "
            "updates expired, Windows 7 had fallen to around 10 percent of Windows traffic. The "
            "free upgrade path to Windows 10 helped, and the pandemic-era boom in PC sales "
            "replaced millions of older machines.\n\n"
            "Windows 10's situation combines difficult features of both. Like XP, it has a large "
            "installed base that cannot easily move to its successor; unlike Windows 7, it offers "
            "no free upgrade path for incompatible hardware. Against that, corporate security "
            "practices are far stricter than in 2014, and cyber-insurers now treat unsupported "
            "systems as a red flag. Balancing these factors gives our estimate of a tail somewhat "
            "heavier than Windows 7's at the equivalent point."
        ),
        "why_it_matters": "",
        "scenarios": [
            {
                "title": "Long tail of 10 to 20 percent",
                "analysis": (
                    "Enterprise migration finishes but households and small firms keep older "
                    "machines running. Windows 10 remains the second most used version of Windows "
                    "when paid updates end."
                ),
                "probability": 60,
            },
            {
                "title": "Fast fade below 10 percent",
                "analysis": (
                    "Cheaper PCs, aggressive upgrade offers and software vendors dropping support "
                    "accelerate the shift. Windows 10 follows a path close to Windows 7's."
                ),
                "probability": 25,
            },
            {
                "title": "Stubborn base above 20 percent",
                "analysis": (
                    "High PC prices and weak household budgets keep many machines in service. "
                    "Pressure would then grow on Microsoft to extend security updates in some form."
                ),
                "probability": 15,
            },
        ],
        "timeline": [
            {
                "date": "2015-07-29",
                "title": "Windows 10 launches",
                "description": (
                    "Microsoft releases Windows 10 as a free upgrade for most Windows 7 and 8.1 "
                    "users."
                ),
            },
            {
                "date": "2021-10-05",
                "title": "Windows 11 released",
                "description": (
                    "The successor arrives with stricter hardware requirements, including TPM 2.0."
                ),
            },
            {
                "date": "2025-10-14",
                "title": "Free support ends",
                "description": "Windows 10 stops receiving free security updates for most users.",
            },
            {
                "date": "2026-10-13",
                "title": "Consumer extended updates end",
                "description": "The one-year extended security program for households expires.",
            },
            {
                "date": "2027-10-XX",
                "title": "Second year of business updates ends",
                "description": (
                    "Organizations that want a third and final year of updates must renew at a "
                    "higher price."
                ),
            },
            {
                "date": "2028-10-XX",
                "title": "Final paid updates end",
                "description": (
                    "Microsoft's published extended security program for businesses reaches its "
                    "end."
                ),
            },
        ],
        "faq": [
            {
                "question": "Will Windows 10 stop working after 2028?",
                "answer": (
                    "No. The operating system will continue to boot and run applications, but it "
                    "will receive no security fixes. Over time browsers and other software will "
                    "stop supporting it, which is usually what finally forces people to move."
                ),
            },
            {
                "question": "Can businesses keep paying beyond 2028?",
                "answer": (
                    "Microsoft's published program runs for three years after end of support. In "
                    "the past the company has offered custom support agreements to very large "
                    "customers beyond public deadlines, but these are expensive and not widely "
                    "available."
                ),
            },
            {
                "question": "Why not measure installed machines instead of web traffic?",
                "answer": (
                    "There is no public, consistent count of installed PCs by operating-system "
                    "version. Web-traffic share is imperfect, but it has been measured the same "
                    "way through the XP and Windows 7 transitions, which makes comparisons "
                    "meaningful."
                ),
            },
        ],
    },
    {
        "category": "sports",
        "slug": "mlb-labor-deal-lockout-december-1",
        "title": "Will baseball's labor deal expire into a lockout on December 1?",
        "headline": (
            "A lockout is more likely than not when the agreement expires, but we expect it to end "
            "in time for a full 2027 season."
        ),
        "summary": (
            "Major League Baseball's collective bargaining agreement expires at 11:59 p.m. Eastern "
            "on December 1, and the league and the players' union remain far apart on the sport's "
            "economic system. The last expiry ended in a 99-day lockout. We put the chance of a "
            "work stoppage beginning this winter at 65 percent, and the chance of lost "
            "regular-season games at 20 percent."
        ),
        "authors": ["tomas-ferreira", "elena-marsh"],
        "published_days_ago": 1,
        "updated_days_ago": 0,
        "update_note": (
            "Raised the chance of a stoppage from 60 to 65 percent after the latest bargaining "
            "session ended without new proposals."
        ),
        "featured": True,
        "outlook": (
            "Our model gives a **65 percent** probability that the owners impose a lockout on or "
            "shortly after December 2, or that the deal otherwise lapses with no agreement in "
            "place. The reasoning is simple. The distance between the parties is larger than it "
            "was in 2016, when a deal came together on the final night, and an offseason lockout "
            "costs owners little: no games are scheduled until spring, and the free-agent market "
            "can be frozen without any lost revenue.\n\n"
            "What matters more for fans is whether games are lost. We estimate a 20 percent chance "
            "that the 2027 regular season starts late. The 2021–22 stoppage came close, with the "
            "league canceling and later rescheduling its opening series, and both sides learned "
            "that brinkmanship in late February is costly. Broadcast partners, and the upheaval in "
            "how many clubs sell their local television rights, add pressure to avoid a shortened "
            "season.\n\n"
            "The central dispute is structural rather than a matter of percentages. Ownership has "
            "pushed for a system that ties payrolls more directly to revenue, while the union has "
            "opposed anything resembling a salary cap for decades. History suggests such disputes "
            "end in compromise on luxury-tax thresholds, minimum salaries and revenue sharing "
            "rather than in a hard cap. We expect that outcome again, but reaching it will take "
            "time, and probably a lockout."
        ),
        "background": (
            "The current agreement was signed on March 10, 2022, ending a lockout that began the "
            "moment the previous deal expired. It raised minimum salaries, created a bonus pool "
            "for players not yet eligible for arbitration, expanded the postseason to 12 teams, "
            "introduced a draft lottery and allowed the league to adopt rule changes such as the "
            "pitch clock through a joint competition committee. It runs through December 1, "
            "2026.\n\n"
            "Baseball is the only major North American league without a salary cap. Instead, a "
            "competitive balance tax charges clubs whose payrolls exceed set thresholds, with "
            "surcharges for repeat offenders. Payroll gaps between the highest- and "
            "lowest-spending clubs have widened in recent seasons, which ownership cites as a case "
            "for reform and the union cites as a case for a spending floor without a ceiling. Our "
            "[explainer on the balance "
            "tax](https://example.org/explainers/mlb-competitive-balance-tax) sets out the "
            "mechanics.\n\n"
            "The broadcast landscape is also shifting. The collapse of several regional sports "
            "networks pushed some clubs to move their local rights to the league or to streaming "
            "arrangements, and national television contracts come up for renewal later in the "
            "decade. Uncertain local media revenue makes owners more cautious about long-term "
            "salary commitments, and it gives both sides a reason to fight over how revenue "
            "sharing is structured in the next agreement."
        ),
        "precedents": (
            "Baseball has had nine work stoppages since 1972, more than any other major North "
            "American league. Five were player strikes and four were owner lockouts. Only two cost "
            "regular-season games on a large scale: the 1981 strike, which wiped out about a third "
            "of the season, and the 1994–95 strike, which canceled the World Series and delayed "
            "the 1995 season. Most of the others were resolved within weeks and cost few or no "
            "games.\n\n"
            "There is also a long stretch of peace to weigh. Agreements in 2002, 2006, 2011 and "
            "2016 were all reached without a stoppage, the 2002 deal only hours before a strike "
            "deadline and the 2016 deal on the last night before expiry. Those talks succeeded "
            "partly because revenue was growing quickly and the parties had a template to adjust. "
            "The 2021 talks broke that run, after the union had grown frustrated with stagnant "
            "free-agent spending and service-time practices.\n\n"
            "The 2021–22 lockout is the best single guide. It began on December 2, saw little "
            "substantive bargaining for about six weeks, intensified in February and ended on "
            "March 10, with a full 162-game season preserved by rescheduling. If this winter "
            "follows a similar script, the crucial period will again be late February, when spring "
            "training and opening day give both sides a firm deadline and the cost of holding out "
            "finally becomes real."
        ),
        "why_it_matters": (
            "A lockout freezes the offseason: no free-agent signings, no trades involving players "
            "on 40-man rosters and no contact between clubs and those players.\n\n"
            "Beyond the calendar, the next agreement will decide whether baseball moves toward a "
            "cap-and-floor system like the other major leagues, the most consequential change to "
            "its economics since free agency arrived in the 1970s."
        ),
        "scenarios": [
            {
                "title": "Deal before expiry",
                "analysis": (
                    "Negotiators close the gap in the final days, as in 2016, and the offseason "
                    "continues uninterrupted. This requires one side to set aside its core "
                    "structural demand for now."
                ),
                "probability": 35,
            },
            {
                "title": "Short lockout, full season",
                "analysis": (
                    "A lockout begins on December 2 and ends by early March, with spring training "
                    "shortened at most. The free-agent market resumes in a compressed burst, as it "
                    "did in March 2022."
                ),
                "probability": 45,
            },
            {
                "title": "Lockout costs regular-season games",
                "analysis": (
                    "Talks stall into March over the salary system, and opening day is delayed. "
                    "Only some of the lost games would likely be made up."
                ),
                "probability": 17,
            },
            {
                "title": "Stoppage wipes out a large part of the season",
                "analysis": (
                    "A rupture on the scale of 1994–95 would require both sides to treat the "
                    "structural issue as existential. We consider it a tail risk, not a central "
                    "case."
                ),
                "probability": 3,
            },
        ],
        "timeline": [
            {
                "date": "1994-08-12",
                "title": "Players strike",
                "description": (
                    "The longest stoppage in the sport's history begins and later cancels the "
                    "World Series."
                ),
            },
            {
                "date": "2021-12-02",
                "title": "Owners impose a lockout",
                "description": (
                    "The previous agreement expires and the league freezes all major league "
                    "transactions."
                ),
            },
            {
                "date": "2022-03-10",
                "title": "Current agreement reached",
                "description": (
                    "A five-year deal ends the 99-day lockout and preserves a 162-game season."
                ),
            },
            {
                "date": "2026-12-01",
                "title": "Agreement expires",
                "description": (
                    "The collective bargaining agreement lapses at 11:59 p.m. Eastern unless "
                    "extended or replaced."
                ),
            },
            {
                "date": "2027-02-XX",
                "title": "Spring training scheduled to open",
                "description": (
                    "Pitchers and catchers are due to report in mid-February, the first practical "
                    "deadline for a deal."
                ),
            },
            {
                "date": "2027-03-XX",
                "title": "Opening day",
                "description": "The 2027 regular season is scheduled to begin in late March.",
            },
        ],
        "faq": [
            {
                "question": "What is the difference between a lockout and a strike?",
                "answer": (
                    "A strike is a work stoppage called by the players; a lockout is one imposed "
                    "by the owners. In the offseason a lockout mainly freezes transactions, since "
                    "no games are scheduled until spring."
                ),
            },
            {
                "question": "Can free agents sign during a lockout?",
                "answer": (
                    "No. Clubs cannot sign, trade or communicate with players on 40-man rosters "
                    "during a lockout. Deals agreed before the deadline stand, which is why the "
                    "final days before expiry often bring a burst of signings."
                ),
            },
            {
                "question": "Would minor league players be affected?",
                "answer": (
                    "Minor leaguers who are not on 40-man rosters are covered by a separate "
                    "agreement, signed in 2023, and could keep training and playing. Players on "
                    "40-man rosters, including many top prospects, would be locked out."
                ),
            },
            {
                "question": "How do you arrive at the 65 percent figure?",
                "answer": (
                    "We combine the base rate of stoppages at recent expiries, the public distance "
                    "between the parties and the low cost to owners of an offseason lockout. The "
                    "estimate is updated daily until the deadline passes."
                ),
            },
        ],
    },
    {
        "category": "sports",
        "slug": "2027-womens-world-cup-brazil-favorites",
        "title": (
            "Who will win the 2027 Women's World Cup in Brazil, and can the hosts break through?"
        ),
        "headline": (
            "Spain, the United States and England form a clear top tier, but no team is better "
            "than a one-in-five favorite."
        ),
        "summary": (
            "The 2027 Women's World Cup opens in Brazil next June with 32 teams and a field that "
            "is deeper at the top than ever. Our ratings make Spain a narrow favorite ahead of the "
            "United States and England. Home advantage lifts Brazil into contention, though only "
            "one host in nine tournaments has lifted the trophy."
        ),
        "authors": ["tomas-ferreira"],
        "published_days_ago": 17,
        "updated_days_ago": None,
        "update_note": "",
        "featured": False,
        "outlook": (
            "Our tournament simulation, run 50,000 times on current team ratings, gives Spain an "
            "18 percent chance of winning, the United States 16 percent and England 13 percent. "
            "Germany, France and Brazil sit between 7 and 9 percent each, and the rest of the "
            "field shares roughly 30 percent. Those numbers are deliberately humble: ratings this "
            "far from a tournament carry wide error bars, and squads will change through injuries "
            "and the rise of young players over the next seven months.\n\n"
            "Spain's case rests on possession-heavy control and a core that won both the 2023 "
            "World Cup and the first Women's Nations League. The United States rebuilt quickly "
            "under new coaching after a disappointing 2023 and won Olympic gold in 2024. England, "
            "back-to-back European champions, have made a habit of winning tight knockout games. "
            "The gaps among the three are small enough that the draw and the route through the "
            "bracket may matter as much as form.\n\n"
            "Brazil is the most interesting outside bet. Home tournaments have produced deep runs "
            "for mid-ranked hosts, such as Australia's semifinal in 2023, and Brazil's pool of "
            "technically gifted attackers has grown as its domestic league has become more "
            "professional. Our model adds a home boost worth roughly 60 rating points, which about "
            "doubles Brazil's title chances relative to a neutral venue. Climate and long travel "
            "also favor squads used to South American conditions."
        ),
        "background": (
            "This will be the first Women's World Cup held in South America and the second with 32 "
            "teams, after the expanded 2023 edition in Australia and New Zealand. FIFA chose "
            "Brazil's bid in May 2024 over a joint bid from Belgium, the Netherlands and Germany. "
            "Matches will be played largely in stadiums built or renovated for the men's World Cup "
            "in 2014, which reduces construction risk but spreads the tournament across very large "
            "distances.\n\n"
            "Only five countries have won the tournament: the United States four times, Germany "
            "twice, and Norway, Japan and Spain once each. The 2023 edition suggested that the era "
            "of American dominance had ended, with the United States eliminated in the round of 16 "
            "on penalties and first-time finalists Spain beating England in Sydney. Our [ratings "
            "methodology](https://example.org/methodology/football-team-ratings) weights recent "
            "competitive matches most heavily and discounts friendlies.\n\n"
            "Women's football has also grown much deeper financially since 2019. Leading European "
            "clubs now invest heavily in their women's teams, the top American league has "
            "expanded, and prize money for the World Cup has risen sharply. That investment has "
            "narrowed the gap between the traditional powers and teams such as Colombia, Japan and "
            "Canada, which is why a larger share of our title probability than usual sits outside "
            "the top six."
        ),
        "precedents": (
            "Hosts have a weaker record at the Women's World Cup than in the men's game. Only the "
            "United States in 1999 has won at home. China in 1991 and 2007, Sweden in 1995, the "
            "United States again in 2003, Germany in 2011, Canada in 2015 and France in 2019 all "
            "fell short. Australia's 2023 semifinal was the best host run since 2003. Our "
            "home-advantage estimate is calibrated on those outcomes plus thousands of ordinary "
            "international matches.\n\n"
            "Favorites have stumbled, too. In 2011 Germany, as hosts and two-time defending "
            "champions, were knocked out in the quarterfinals by Japan, who went on to win the "
            "title. In 2023 the United States, widely tipped for a third straight championship, "
            "went out in the round of 16. Short tournaments with single-elimination rounds punish "
            "one bad afternoon, and that history argues against making any team much more than a "
            "one-in-five favorite.\n\n"
            "South American conditions add another wrinkle. The 2014 men's World Cup in Brazil saw "
            "European teams adapt better than many expected, with Germany winning the title, but "
            "it also brought heavy fatigue in hot northern venues. Women's tournament schedules "
            "often give smaller federations fewer resources for travel and recovery, which may "
            "magnify these effects. We apply a small adjustment for long-haul travel between group "
            "matches and for kickoffs in high heat."
        ),
        "why_it_matters": (
            "The tournament will test whether the commercial boom in women's football in Europe "
            "and North America has translated into deeper competition worldwide. A strong "
            "Brazilian run could also accelerate investment in the women's game across South "
            "America, where professional structures still lag behind Europe's."
        ),
        "scenarios": [
            {
                "title": "Spain win a second title",
                "analysis": (
                    "Spain's control-based style travels well, and a favorable bracket could keep "
                    "them away from the United States and England until the final. Their main risk "
                    "is a lack of cutting edge against deep defensive blocks."
                ),
                "probability": 18,
            },
            {
                "title": "The United States reclaim the trophy",
                "analysis": (
                    "The Olympic champions have the athletic depth to cope with travel and heat. A "
                    "fifth title would restore the program's standing after its 2023 exit."
                ),
                "probability": 16,
            },
            {
                "title": "England turn European titles into a world crown",
                "analysis": (
                    "England's tournament record in knockout football is the best of any team "
                    "since 2022. A first World Cup would complete a remarkable run of success."
                ),
                "probability": 13,
            },
            {
                "title": "Another team wins, Brazil included",
                "analysis": (
                    "Germany, France and the hosts each hold single-digit chances, and a long tail "
                    "of improving teams shares the rest. Brazil, at about 8 percent, is the single "
                    "most likely winner outside the top three."
                ),
                "probability": 53,
            },
        ],
        "timeline": [
            {
                "date": "2023-08-20",
                "title": "Spain win in Sydney",
                "description": "Spain beat England 1–0 to claim their first Women's World Cup.",
            },
            {
                "date": "2024-05-17",
                "title": "Brazil awarded the tournament",
                "description": "The FIFA Congress selects Brazil's bid to host the 2027 edition.",
            },
            {
                "date": "2025-07-27",
                "title": "England retain the European title",
                "description": (
                    "England beat Spain on penalties in Basel to win a second straight European "
                    "Championship."
                ),
            },
            {
                "date": "2026-XX-XX",
                "title": "Qualifying competitions",
                "description": (
                    "Confederations run their qualifying tournaments, several of which double as "
                    "continental championships."
                ),
            },
            {
                "date": "2027-06-XX",
                "title": "Tournament opens",
                "description": "Brazil hosts the opening match of the 32-team tournament.",
            },
            {
                "date": "2027-07-XX",
                "title": "Final",
                "description": "The final is scheduled for late July in Rio de Janeiro.",
            },
        ],
        "faq": [
            {
                "question": "How many teams will play in 2027?",
                "answer": (
                    "Thirty-two, the same as in 2023. Hosts Brazil qualify automatically, and the "
                    "remaining places are allocated among FIFA's six confederations through "
                    "regional qualifying."
                ),
            },
            {
                "question": "Why is no team a stronger favorite?",
                "answer": (
                    "The top three teams are separated by small margins in our ratings, and "
                    "single-elimination knockout rounds add randomness. Even a clearly best team "
                    "usually has well under a 30 percent chance of winning a 32-team tournament."
                ),
            },
            {
                "question": "How much does home advantage matter?",
                "answer": (
                    "In our model it is worth about 60 rating points, roughly enough to turn an "
                    "even match into a 58–42 contest in expected score. It has mattered less in "
                    "women's tournaments than in men's, partly because hosts have often been "
                    "mid-ranked teams."
                ),
            },
        ],
    },
    {
        "category": "sports",
        "slug": "rugby-world-cup-2027-24-teams-mismatches",
        "title": "Will the 24-team Rugby World Cup in 2027 bring more lopsided scores?",
        "headline": (
            "Expect a higher share of 50-point pool games in Australia even with fewer pool "
            "matches, and a more open round of 16."
        ),
        "summary": (
            "The 2027 Rugby World Cup in Australia expands from 20 to 24 teams, with six pools of "
            "four and a new round of 16. The extra places go to teams from outside the sport's top "
            "tier, so mismatches will rise as a share of pool games. Our central projection is 11 "
            "pool matches decided by 50 points or more, out of 36."
        ),
        "authors": [],
        "published_days_ago": 44,
        "updated_days_ago": None,
        "update_note": "",
        "featured": False,
        "outlook": (
            "Our central estimate is 11 pool matches with a winning margin of at least 50 points, "
            "with an 80 percent interval of 7 to 15. In 2023, by our count, about ten of the 40 "
            "pool matches crossed that line. The new format contains fewer pool games, 36 instead "
            "of 40, because pools shrink from five teams to four. But the four additional teams "
            "come from outside the established top dozen, which raises the rate of mismatches per "
            "game.\n\n"
            "The structure also changes incentives. With the top two in each pool and the four "
            "best third-placed teams advancing, a strong side can often qualify after two wins, "
            "which may lead coaches to rotate squads against the weakest opponents. Rotation "
            "usually narrows margins slightly. Against that, bonus points for scoring four tries "
            "and the role of points difference in ranking third-placed teams give favorites a "
            "reason to keep scoring long after a result is settled.\n\n"
            "The knockout stage should be more open than in 2023, when a draw made nearly three "
            "years before the tournament placed four of the world's top five teams in one half of "
            "the bracket. A draw made closer to the event and the new round of 16 should produce "
            "fewer heavyweight collisions in the quarterfinals. We expect at least one upset in "
            "the round of 16, defined as the lower-ranked side winning by more than a converted "
            "try."
        ),
        "background": (
            "The 2027 men's tournament is the first change in the competition's size since 1999. "
            "The format uses six pools of four, with the top two in each pool and the four best "
            "third-placed teams reaching a new round of 16. The tournament is also shorter than in "
            "2023, with fewer short turnarounds between matches, a response to player-welfare "
            "concerns raised most forcefully by the smaller unions, whose squads had the least "
            "recovery time.\n\n"
            "Expansion is part of a broader effort to grow the sport outside its traditional "
            "strongholds, alongside a new international calendar intended to give emerging nations "
            "more regular matches against leading sides. Qualification for the extra places ran "
            "through regional tournaments in Asia, the Pacific, the Americas, Europe and Africa. "
            "Our [tier classification](https://example.org/methodology/rugby-tiers) groups teams "
            "by world ranking points rather than by their historical status in the game.\n\n"
            "Lopsided scores are not new to rugby, nor are they purely a function of tournament "
            "size. Margins depend on squad depth, the size of professional player pools and the "
            "number of tests a team plays against top opponents. Many emerging unions field "
            "semi-professional players or players based in domestic leagues far below the level of "
            "the leading European and southern-hemisphere competitions. The gap shows most clearly "
            "in the final quarter of matches, when fitness and bench depth tell."
        ),
        "precedents": (
            "The clearest precedent is the 1999 expansion from 16 to 20 teams. That tournament, "
            "and the 2003 edition that followed, produced some of the most extreme results in the "
            "sport's history, including Australia's 142–0 win over Namibia in 2003. Margins "
            "narrowed over the following tournaments as emerging nations gained experience and "
            "more of their players turned professional, although heavy defeats never disappeared "
            "entirely and still recur in almost every edition.\n\n"
            "Cricket's 50-over World Cup offers an outside comparison. Expansions to 14 teams in "
            "2003 and 16 in 2007 produced a string of one-sided games and were later reversed, "
            "with the 2019 and 2023 tournaments contracted to ten teams before a return to 14 for "
            "2027. Rugby's organizers argue that their model is different because expansion is "
            "tied to more regular fixtures for emerging teams, not only to the showpiece "
            "tournament held every four years.\n\n"
            "There is a hopeful precedent too. Japan's win over South Africa in 2015 and its "
            "quarterfinal run as host in 2019, Fiji's victory over Australia in 2023 and "
            "Portugal's first World Cup win that same year all show that the gap can close quickly "
            "when emerging sides get sustained competition. Our model expects about two upsets of "
            "that kind in the 2027 pool stage, in line with a typical recent tournament."
        ),
        "why_it_matters": "",
        "scenarios": [
            {
                "title": "Moderate rise in mismatches",
                "analysis": (
                    "Between 9 and 13 pool games are decided by 50 points or more, a slightly "
                    "higher share than in 2023. Debate over the format continues, but expansion is "
                    "judged a qualified success."
                ),
                "probability": 50,
            },
            {
                "title": "A blowout tournament",
                "analysis": (
                    "Fourteen or more such games, concentrated in pools with debutants. Pressure "
                    "would grow for a preliminary qualifying round or a return to 20 teams."
                ),
                "probability": 20,
            },
            {
                "title": "Tighter than feared",
                "analysis": (
                    "Eight or fewer games exceed 50 points as squad rotation and better-prepared "
                    "emerging teams narrow margins. Expansion would be hailed as a clear success."
                ),
                "probability": 30,
            },
        ],
        "timeline": [
            {
                "date": "2003-10-25",
                "title": "Australia beat Namibia 142–0",
                "description": (
                    "The largest margin in World Cup history comes four years after the last "
                    "expansion."
                ),
            },
            {
                "date": "2023-10-28",
                "title": "South Africa win in Paris",
                "description": (
                    "The last 20-team tournament ends with a one-point final win over New Zealand."
                ),
            },
            {
                "date": "2025-XX-XX",
                "title": "Pool draw",
                "description": (
                    "The 24 teams are drawn into six pools, with world rankings used to seed the "
                    "leading sides."
                ),
            },
            {
                "date": "2027-10-XX",
                "title": "Tournament opens in Australia",
                "description": "The first 24-team men's Rugby World Cup begins.",
            },
            {
                "date": "2027-11-XX",
                "title": "Final in Sydney",
                "description": (
                    "The tournament concludes after a new round of 16 and three further knockout "
                    "rounds."
                ),
            },
            {
                "date": "2031-XX-XX",
                "title": "Tournament moves to the United States",
                "description": (
                    "The next edition will test whether expansion has helped the sport grow in new "
                    "markets."
                ),
            },
        ],
        "faq": [
            {
                "question": "Why use 50 points as the threshold?",
                "answer": (
                    "It is a round number that captures games where the outcome was settled long "
                    "before the end. Our conclusions are similar if we use 40 or 60 points instead."
                ),
            },
            {
                "question": "Which teams are most at risk of heavy defeats?",
                "answer": (
                    "Teams with small professional player pools and few matches against top-ten "
                    "opponents in the preceding four years. Debutants and teams returning after a "
                    "long absence have historically conceded the largest margins."
                ),
            },
            {
                "question": "Do blowouts harm the tournament?",
                "answer": (
                    "Opinions differ. Organizers argue that exposure to elite opponents "
                    "accelerates development, while critics point to player-welfare risks and "
                    "reduced spectator interest. Past expansions suggest margins narrow within two "
                    "or three tournaments if emerging teams also get regular fixtures."
                ),
            },
        ],
    },
    {
        "category": "sports",
        "slug": "january-2027-transfer-window-premier-league-spending",
        "title": (
            "Will Premier League clubs spend more than £500 million in the January 2027 window?"
        ),
        "headline": (
            "A busy but not record-breaking window is the likeliest outcome, as new cost rules "
            "reward clubs that sell before they buy."
        ),
        "summary": (
            "Premier League clubs have spent anywhere from about £100 million to £815 million in "
            "recent January windows. The league's shift to squad-cost limits changes the "
            "accounting that made some past January sprees possible. Our central estimate for "
            "gross spending in January 2027 is around £420 million, with a 35 percent chance of "
            "passing £500 million."
        ),
        "authors": ["tomas-ferreira"],
        "published_days_ago": 5,
        "updated_days_ago": None,
        "update_note": "",
        "featured": False,
        "outlook": (
            "We estimate gross Premier League spending of about £420 million in the January 2027 "
            "window, with a 35 percent chance of exceeding £500 million and a 5 percent chance of "
            "beating the January 2023 record. Winter windows are noisy: one or two marquee deals "
            "can double the total, so our distribution has a long right tail. The central estimate "
            "sits a little above a typical January of the past decade, adjusted for the league's "
            "rising broadcast income.\n\n"
            "The rule change matters more than it first appears. Under the old "
            "profit-and-sustainability regime, clubs worried about a three-year loss limit, which "
            "encouraged sales of homegrown players before the June 30 accounting date rather than "
            "in January. A squad-cost ratio instead caps spending on wages, amortized transfer "
            "fees and agents' fees relative to revenue and profits on player sales. That favors "
            "clubs that can sell in the same window they buy, pointing to more swap-style activity "
            "and fewer outright splurges.\n\n"
            "Demand factors point both ways. A congested calendar with European and domestic cup "
            "fixtures increases injury-driven buying, and clubs near the relegation zone have "
            "historically accounted for a disproportionate share of January spending. But the "
            "biggest clubs increasingly prefer to do major business in summer, when new players "
            "can settle in during preseason. Loans with obligations to buy, which spread the "
            "accounting cost, will again be the instrument of choice for many."
        ),
        "background": (
            "The January window runs for about a month and exists mainly to let clubs patch their "
            "squads mid-season. It has historically been far quieter than summer, typically "
            "accounting for well under a fifth of annual Premier League spending. According to "
            "[consultancy estimates](https://example.org/reports/football-transfer-spending), "
            "January totals over the past decade have ranged from roughly £100 million to more "
            "than £800 million, a far wider swing in relative terms than summer windows show.\n\n"
            "The record January came in 2023, when Premier League clubs spent an estimated £815 "
            "million, driven largely by one club's heavy investment under new ownership. The "
            "following January, clubs spent only around £100 million, as several faced scrutiny "
            "under profit-and-sustainability rules and points deductions were in the news. That "
            "swing illustrates how much the January total depends on the circumstances of a few "
            "clubs rather than on the health of the league as a whole.\n\n"
            "This season the league has begun moving from profit-and-sustainability rules to a "
            "squad-cost ratio that limits spending on wages, transfers and agents to a share of "
            "revenue plus net profit from player sales. European competitions already apply a "
            "similar ratio through UEFA, which tightened its limit to 70 percent in 2025–26. Clubs "
            "in UEFA competitions therefore face two overlapping limits, and their January "
            "behavior will reveal which one binds more tightly."
        ),
        "precedents": (
            "January 2023 is the ceiling case. One club's spending accounted for more than a third "
            "of the league total, and a British record fee was agreed in the final hours of the "
            "window. It showed that a single motivated buyer can move the total by hundreds of "
            "millions of pounds, which is why we take the right tail of our forecast seriously "
            "even though our central estimate is modest. Ownership changes remain the best single "
            "predictor of such sprees.\n\n"
            "January 2024 is the floor case. Clubs facing possible breaches of spending rules "
            "acted cautiously, and total outlay fell to its lowest level in more than a decade. "
            "That window showed how quickly financial regulation changes behavior: several clubs "
            "sold or loaned players to stay within limits rather than add to their squads, and the "
            "market for expensive mid-season signings almost vanished, even among clubs that were "
            "not under any immediate threat.\n\n"
            "Other leagues' experience with revenue-linked cost controls is instructive. Spain's "
            "LaLiga has long capped each club's squad costs against its projected income, and in "
            "recent seasons some clubs struggled to register signings until they had sold players "
            "or found new income. If the Premier League's ratio binds in a similar way, expect "
            "January deals to hinge on sales, and expect late, interlinked transactions to cluster "
            "around deadline day."
        ),
        "why_it_matters": (
            "January spending is an early stress test of the Premier League's new financial rules. "
            "If totals stay moderate and deals cluster around player sales, the ratio is working "
            "as designed; a spree funded by creative accounting would suggest its limits are "
            "softer than they look. The window also shapes relegation battles, where a few "
            "well-timed signings have often decided survival."
        ),
        "scenarios": [
            {
                "title": "Moderate window of £300 million to £500 million",
                "analysis": (
                    "Most clubs make targeted signings funded partly by sales, and loans dominate "
                    "the headlines. This matches the pattern of a typical recent January."
                ),
                "probability": 50,
            },
            {
                "title": "Busy window above £500 million",
                "analysis": (
                    "One or two clubs make statement signings to rescue their seasons or chase "
                    "European places. Totals rise without approaching the 2023 record."
                ),
                "probability": 30,
            },
            {
                "title": "Record window above £815 million",
                "analysis": (
                    "A new owner or a cluster of injuries at a wealthy club triggers heavy "
                    "spending. This requires the new cost rules to prove looser than they appear."
                ),
                "probability": 5,
            },
            {
                "title": "Quiet window below £300 million",
                "analysis": (
                    "Uncertainty over how the squad-cost ratio will be enforced makes clubs "
                    "cautious. Activity is dominated by loans and small fees."
                ),
                "probability": 15,
            },
        ],
        "timeline": [
            {
                "date": "2023-01-31",
                "title": "Record January closes",
                "description": (
                    "Premier League clubs finish the window with an estimated £815 million in "
                    "spending."
                ),
            },
            {
                "date": "2024-02-01",
                "title": "Quietest January in a decade",
                "description": (
                    "Spending falls to around £100 million as clubs weigh the risk of breaching "
                    "financial rules."
                ),
            },
            {
                "date": "2025-XX-XX",
                "title": "Clubs back squad-cost controls",
                "description": (
                    "Premier League clubs agree to replace profit-and-sustainability rules with a "
                    "squad-cost ratio."
                ),
            },
            {
                "date": "2027-01-01",
                "title": "Window opens",
                "description": "Clubs can register new signings from the first day of the year.",
            },
            {
                "date": "2027-02-XX",
                "title": "Deadline day",
                "description": "The window is scheduled to close in the first days of February.",
            },
            {
                "date": "2027-06-XX",
                "title": "Summer window opens",
                "description": (
                    "The next window will show whether clubs deferred major spending to the summer."
                ),
            },
        ],
        "faq": [
            {
                "question": "Do the figures include loan fees and add-ons?",
                "answer": (
                    "Yes. We use gross spending on permanent transfers and loan fees, including "
                    "guaranteed add-ons, as reported by clubs and consultancies. Obligations to "
                    "buy are counted in the window where the loan begins, which is how most public "
                    "trackers treat them."
                ),
            },
            {
                "question": "Why not forecast net spending?",
                "answer": (
                    "Net spending depends heavily on sales to overseas leagues, which are harder "
                    "to predict in January. Gross spending is more widely reported and easier to "
                    "compare across years."
                ),
            },
            {
                "question": "What would change the forecast most?",
                "answer": (
                    "A takeover at a large club, a cluster of long-term injuries at a contender or "
                    "an early-season points deduction. Each has historically triggered spending "
                    "well above the January norm."
                ),
            },
        ],
    },
    {
        "category": "finance",
        "slug": "fed-rate-path-2027-how-low",
        "title": "How far will the Federal Reserve cut in 2027, and will it stop above 3%?",
        "headline": (
            "Our central case is a policy rate that ends 2027 just above 3 percent, with a "
            "one-in-three chance the Fed goes lower."
        ),
        "summary": (
            "Markets are debating where the Federal Reserve's easing cycle ends. Estimates of the "
            "neutral rate cluster around 3 percent, and the committee's own longer-run projection "
            "sits close to that figure. We see the top of the target range finishing 2027 between "
            "3.00 and 3.50 percent as the most likely outcome."
        ),
        "authors": ["ruth-adebayo", "elena-marsh"],
        "published_days_ago": 0,
        "updated_days_ago": None,
        "update_note": "",
        "featured": False,
        "outlook": (
            "We give a 45 percent chance that the top of the federal funds target range ends 2027 "
            "between 3.00 and 3.50 percent, a 33 percent chance it ends below 3 percent and a 22 "
            "percent chance it finishes above 3.50 percent. The center of that distribution "
            "reflects a simple judgment: absent a recession, the committee has shown little "
            "appetite to push rates below its own estimate of neutral, and that estimate has "
            "drifted up since the low-rate decade before the pandemic.\n\n"
            "The path to the lower scenarios runs through the labor market. Unemployment that "
            "rises by more than half a percentage point within a few months has historically "
            "signaled recession, and the Fed has responded to such moves with rapid cuts rather "
            "than gradual ones. If payroll growth stalls in the first half of 2027, we would "
            "expect the committee to move faster than markets now price. The upside scenario "
            "depends instead on inflation: tariffs, energy or a weaker dollar keeping core "
            "inflation near or above 3 percent.\n\n"
            "Leadership and communication add uncertainty. The committee is led by a new chair, "
            "who took office after the previous chair's term ended in May 2026, and several voting "
            "seats rotate each year. New leadership has historically brought a period in which "
            "markets test the committee's reaction function. We do not assume any change in the "
            "Fed's framework, but we widen our distribution slightly to reflect the possibility "
            "that its consensus is less settled than in recent years."
        ),
        "background": (
            "The Federal Reserve raised its policy rate from near zero in early 2022 to a range of "
            "5.25 to 5.50 percent by July 2023, the fastest tightening in four decades, as "
            "consumer price inflation peaked above 9 percent. It began cutting in September 2024 "
            "with a half-point move and continued easing in stages as inflation moderated and the "
            "labor market cooled. Each step has been framed as *recalibration* rather than as a "
            "response to crisis.\n\n"
            "The neutral rate, often called r-star, is the rate that neither stimulates nor "
            "restrains the economy. It cannot be observed, only estimated, and estimates vary by a "
            "percentage point or more depending on the model. Committee members' [longer-run "
            "projections](https://example.org/fed/summary-economic-projections) have edged up from "
            "about 2.5 percent in 2019 to around 3 percent, reflecting higher government "
            "borrowing, stronger investment demand and perhaps a structurally higher risk of "
            "inflation.\n\n"
            "Fiscal and trade policy complicate the picture. Large federal deficits increase the "
            "supply of Treasury debt and may keep longer-term yields elevated even as the Fed "
            "cuts. Tariffs raise some prices directly, and the Fed has had to judge whether those "
            "increases are one-time shifts in the price level or the start of more persistent "
            "inflation. How the committee answers that question in 2027 will shape how far it is "
            "willing to go."
        ),
        "precedents": (
            "Soft-landing easing cycles offer the most relevant base rate. In 1995–96 and again in "
            "1998, the Fed cut by 75 basis points and then stopped, and the economy avoided "
            "recession. In 2019, three “insurance” cuts totaled 75 basis points before the "
            "pandemic intervened. In each case the Fed ended well above zero and close to what it "
            "then considered neutral, which is the pattern our central scenario follows. Mid-cycle "
            "adjustments, in other words, tend to be modest.\n\n"
            "Recession-driven cycles look very different. Between 2001 and 2003 the Fed cut from "
            "6.5 percent to 1 percent; in 2007–08 it went from 5.25 percent to near zero. The "
            "typical recession-era easing cycle since the late 1980s has removed more than four "
            "percentage points. If a downturn arrives in 2027, the historical record says the Fed "
            "would likely end the year well below 3 percent, which is why our lower scenario "
            "carries a one-in-three probability.\n\n"
            "The 1970s provide the cautionary precedent for the upside scenario. Easing while "
            "inflation was still above target, followed by renewed price pressure, forced the Fed "
            "to reverse course repeatedly and ultimately to tighten sharply at the end of the "
            "decade. Modern policymakers cite that history often. It explains why the committee is "
            "likely to pause early if core inflation stops falling, even if that means keeping "
            "rates higher than markets expect."
        ),
        "why_it_matters": (
            "The end point of the easing cycle sets mortgage rates, corporate borrowing costs and "
            "the discount rate investors apply to everything from growth stocks to commercial "
            "property. A Fed that stops above 3 percent implies a world of structurally higher "
            "rates than the 2010s; one that goes lower would signal either a recession or a belief "
            "that the neutral rate has fallen back."
        ),
        "scenarios": [
            {
                "title": "Stops near neutral, at 3.00 to 3.50 percent",
                "analysis": (
                    "Inflation drifts toward target and unemployment rises only gently, so the "
                    "committee eases to its estimate of neutral and pauses. This is the classic "
                    "soft-landing path."
                ),
                "probability": 45,
            },
            {
                "title": "Deeper cuts, below 3.00 percent",
                "analysis": (
                    "A sharper slowdown in hiring or a financial shock prompts faster easing. The "
                    "committee would likely cut below neutral to support demand."
                ),
                "probability": 33,
            },
            {
                "title": "Higher for longer, above 3.50 percent",
                "analysis": (
                    "Sticky inflation, driven by tariffs, energy or services prices, makes the "
                    "committee pause early. Markets would have to price out cuts they currently "
                    "expect."
                ),
                "probability": 22,
            },
        ],
        "timeline": [
            {
                "date": "2022-03-16",
                "title": "First rate increase of the cycle",
                "description": "The Fed raises rates from near zero as inflation accelerates.",
            },
            {
                "date": "2023-07-26",
                "title": "Final increase",
                "description": (
                    "The target range reaches 5.25 to 5.50 percent, its peak for the cycle."
                ),
            },
            {
                "date": "2024-09-18",
                "title": "First cut",
                "description": "The committee opens its easing cycle with a half-point reduction.",
            },
            {
                "date": "2026-05-XX",
                "title": "Chair's term ends",
                "description": "Leadership of the Fed passes to a new chair.",
            },
            {
                "date": "2027-XX-XX",
                "title": "Eight scheduled policy meetings",
                "description": (
                    "Four of the meetings come with updated economic projections from committee "
                    "members."
                ),
            },
            {
                "date": "2027-12-XX",
                "title": "Final meeting of 2027",
                "description": "The decision that settles this forecast.",
            },
        ],
        "faq": [
            {
                "question": "Why forecast the top of the target range?",
                "answer": (
                    "The Fed sets a quarter-point target range, and its statements refer to both "
                    "ends. We forecast the upper bound because it is a single number that maps "
                    "cleanly to scenarios; using the lower bound gives the same probabilities."
                ),
            },
            {
                "question": "What would make you change the forecast?",
                "answer": (
                    "A sustained rise in unemployment or a run of core inflation readings above 3 "
                    "percent annualized would move it most. A material change in how the committee "
                    "describes the neutral rate in its projections would also matter."
                ),
            },
            {
                "question": "How does this compare with market pricing?",
                "answer": (
                    "We compare our distribution each week with the path implied by federal funds "
                    "futures and explain where they diverge. Futures prices embed risk premiums "
                    "and hedging demand, so we treat them as one input rather than a forecast to "
                    "copy."
                ),
            },
        ],
    },
    {
        "category": "finance",
        "slug": "us-ipo-window-2027-biggest-year-since-2021",
        "title": "Will 2027 be the biggest year for US IPOs since 2021?",
        "headline": (
            "A deep pipeline of large private companies makes a strong 2027 likely, but a return "
            "to 2021-style volumes remains a long shot."
        ),
        "summary": (
            "US initial public offerings have been recovering since the near-shutdown of 2022, and "
            "bankers describe the 2027 pipeline as the deepest in years. We estimate a 60 percent "
            "chance that 2027 proceeds exceed every year since 2021. The odds of matching 2021's "
            "record are below 10 percent."
        ),
        "authors": ["ruth-adebayo"],
        "published_days_ago": 38,
        "updated_days_ago": None,
        "update_note": "",
        "featured": False,
        "outlook": (
            "We put the probability that traditional US IPO proceeds in 2027 exceed those of every "
            "year from 2022 to 2026 at about 60 percent. Our central estimate is around $55 "
            "billion, excluding special purpose acquisition companies. The case rests on supply: a "
            "large cohort of venture-backed and private-equity-owned companies, many valued above "
            "$10 billion, has waited out the downturn, and their investors face pressure to return "
            "capital after years of scarce exits.\n\n"
            "Demand is the swing factor. IPO windows open when volatility is low, recent listings "
            "trade well and equity indexes are near highs. Most large offerings in the past two "
            "decades have priced with the VIX volatility index below 20. A market correction of 15 "
            "percent or more in the first half of 2027 would likely push big listings into 2028, "
            "as companies with no urgent need for cash prefer to wait rather than price at a "
            "discount.\n\n"
            "Artificial intelligence is the wild card. A handful of very large AI developers and "
            "infrastructure suppliers could account for a large share of 2027 proceeds if they "
            "choose public markets. A single offering above $20 billion would shift the annual "
            "total dramatically. We assign a meaningful but minority probability to such a deal "
            "happening in 2027, and its presence or absence explains most of the spread in our "
            "forecast."
        ),
        "background": (
            "The US IPO market hit a record in 2021, when traditional offerings raised roughly "
            "$140 billion and SPACs raised even more. Rising interest rates and falling technology "
            "valuations shut the window in 2022, when proceeds fell below $10 billion, among the "
            "lowest totals in decades. Activity has recovered gradually since, but the number of "
            "listings has remained well below the long-run average, and many of the deals that did "
            "price were smaller than their sponsors had hoped.\n\n"
            "Private markets absorbed much of the demand that might once have gone to IPOs. "
            "Late-stage companies raised large rounds from crossover funds, sovereign wealth funds "
            "and secondary buyers, letting employees sell shares without a listing. [Secondary "
            "market data](https://example.org/research/private-secondaries-volume) show record "
            "volumes of such transactions. That reduces the urgency to list, which is why IPO "
            "pipelines can look full for years without converting into completed deals.\n\n"
            "Regulation and market structure matter at the margin. The Securities and Exchange "
            "Commission has discussed easing some disclosure burdens for newly public companies, "
            "and exchanges compete for listings with direct listings and dual-class share "
            "structures. Index providers' rules on how quickly new listings can join major indexes "
            "also affect demand, because passive funds become forced buyers once a company is "
            "included, which makes large listings more attractive."
        ),
        "precedents": (
            "IPO cycles follow a recognizable rhythm. After the dot-com bust, proceeds fell "
            "sharply in 2001–03 and recovered by 2004, the year a major search company listed. "
            "After the financial crisis, the window reopened in 2010 and peaked in 2014. In both "
            "cases, the first full year of recovery was followed by stronger second and third "
            "years, as pent-up supply met improving demand. On that pattern, 2027 would fall in "
            "the strong part of the cycle.\n\n"
            "Mega-deals dominate annual totals. A social network's listing in 2012 and a Chinese "
            "e-commerce group's in 2014 each accounted for a large share of their years' proceeds. "
            "In 2021 a handful of offerings above $5 billion did the same. That concentration "
            "means annual totals are best forecast as a base of many mid-sized deals plus a lumpy "
            "component from a few giants, which is how our model is built, with the giants "
            "simulated one by one.\n\n"
            "There are cautionary precedents as well. In 2019 several high-profile listings traded "
            "poorly, and one long-awaited offering was withdrawn after investors questioned its "
            "governance and valuation. The episode cooled the market for months. A similar stumble "
            "early in 2027, especially by a large AI-related company, could chill the window for "
            "others even if broader market conditions remain supportive. Early deals set the tone "
            "for the rest of the year."
        ),
        "why_it_matters": (
            "IPOs are how private wealth becomes public, investable wealth. A strong window would "
            "return capital to venture and buyout funds, unlocking new investment, and give "
            "ordinary investors access to companies that have grown large in private hands.\n\n"
            "A weak one would extend the trend toward fewer, older listed companies, which has "
            "worried regulators for years."
        ),
        "scenarios": [
            {
                "title": "Strongest year since 2021",
                "analysis": (
                    "Steady markets let a broad group of mature companies list, with proceeds "
                    "above any year since 2021 but below $80 billion. Several deals exceed $5 "
                    "billion."
                ),
                "probability": 45,
            },
            {
                "title": "Blockbuster year above $80 billion",
                "analysis": (
                    "One or more mega-listings from AI-related companies coincide with a strong "
                    "general market. Matching 2021's record would still require an exceptional run "
                    "of deals."
                ),
                "probability": 15,
            },
            {
                "title": "Steady but unspectacular",
                "analysis": (
                    "Listings continue at a moderate pace, but the largest candidates wait for "
                    "2028. Proceeds end below the best recent year."
                ),
                "probability": 30,
            },
            {
                "title": "Window shuts again",
                "analysis": (
                    "A market correction or recession closes the window for most of the year. "
                    "Proceeds fall back toward 2022–23 levels."
                ),
                "probability": 10,
            },
        ],
        "timeline": [
            {
                "date": "2021-XX-XX",
                "title": "Record year",
                "description": (
                    "Traditional US IPOs raise roughly $140 billion, alongside a boom in SPAC "
                    "issuance."
                ),
            },
            {
                "date": "2022-XX-XX",
                "title": "The window shuts",
                "description": (
                    "Rising rates and falling valuations cut proceeds to their lowest level in "
                    "decades."
                ),
            },
            {
                "date": "2024-XX-XX",
                "title": "Gradual recovery",
                "description": "Proceeds rise but remain well below the long-run average.",
            },
            {
                "date": "2027-03-XX",
                "title": "First-quarter window opens",
                "description": (
                    "Companies with audited 2026 results can launch offerings, typically from late "
                    "February or March."
                ),
            },
            {
                "date": "2027-12-XX",
                "title": "Year-end tally",
                "description": "Full-year proceeds determine how this forecast resolves.",
            },
        ],
        "faq": [
            {
                "question": "Why exclude SPACs?",
                "answer": (
                    "SPACs raise money before they have identified a business to acquire, so their "
                    "proceeds measure appetite for speculative vehicles rather than the market for "
                    "operating companies. Including them would distort comparisons with 2021, when "
                    "SPAC issuance was extraordinary."
                ),
            },
            {
                "question": "Do direct listings count?",
                "answer": (
                    "No, because most raise no new capital. We track them separately as a signal "
                    "of market appetite."
                ),
            },
            {
                "question": "How big is a $20 billion IPO?",
                "answer": (
                    "Only one US offering, a Chinese e-commerce group's listing in 2014, has "
                    "exceeded that size, and only a handful have done so worldwide. Any deal near "
                    "that scale would dominate its year's totals."
                ),
            },
        ],
    },
    {
        "category": "finance",
        "slug": "digital-euro-legislation-2029-launch",
        "title": "Will the digital euro law pass in time for a 2029 launch?",
        "headline": (
            "We expect a legislative deal, but probably later than the ECB hopes, which makes a "
            "2029 launch an underdog."
        ),
        "summary": (
            "The European Central Bank has said it could issue a digital euro in 2029 if EU "
            "lawmakers adopt the enabling regulation in time, with a pilot as early as 2027. The "
            "legislation has moved slowly through the European Parliament. We put the chance of "
            "final adoption by the end of 2027 at 55 percent, and the chance of a retail launch in "
            "2029 at about 35 percent."
        ),
        "authors": ["samir-haddad"],
        "published_days_ago": 29,
        "updated_days_ago": 6,
        "update_note": (
            "Lowered the chance of adoption by the end of 2027 from 60 to 55 percent after the "
            "Parliament's committee timetable slipped."
        ),
        "featured": False,
        "outlook": (
            "Our estimate gives a 55 percent chance that the digital euro regulation is formally "
            "adopted by the end of 2027, and about 35 percent that people can use a digital euro "
            "for everyday payments at some point in 2029. The gap between the two numbers reflects "
            "the ECB's own view that it needs roughly two to three years after adoption to build, "
            "test and roll out the system with banks, payment providers and merchants.\n\n"
            "The political obstacles are familiar. Parts of the European Parliament favor a "
            "narrower, offline-first instrument or question whether a public digital currency is "
            "needed at all, given private card networks and instant bank transfers. Banks worry "
            "about deposit outflows and the cost of distribution. Those positions have hardened "
            "over three years, and negotiations between the Parliament, the Council and the "
            "Commission tend to take six to twelve months on files this contested.\n\n"
            "The case for a deal has strengthened geopolitically. European policymakers "
            "increasingly frame the digital euro as a question of *strategic autonomy*, reducing "
            "reliance on non-European card schemes and on stablecoins denominated in dollars. That "
            "argument resonates more with governments than with individual legislators, which is "
            "why we expect the Council to keep pushing. We would raise our odds if the Parliament "
            "adopts its position early in 2027 and lower them if the file slips past mid-year."
        ),
        "background": (
            "The ECB began investigating a digital euro in October 2021 and moved to a preparation "
            "phase in late 2023, selecting providers for components such as fraud management and "
            "offline payments. The European Commission proposed the legal framework in June 2023, "
            "alongside a regulation reaffirming the legal-tender status of cash. The digital euro "
            "would be issued by the Eurosystem but distributed through banks and other payment "
            "providers, which would offer wallets to their customers.\n\n"
            "The design includes safeguards meant to reassure banks and privacy advocates. "
            "Individual holdings would be capped, with an indicative limit of around 3,000 euros "
            "discussed publicly, to limit flight from bank deposits. Offline payments would offer "
            "cash-like privacy for small transactions. Merchant fees would be capped, and basic "
            "use would be free for individuals. The ECB's [progress "
            "reports](https://example.org/ecb/digital-euro-progress) set out these choices in "
            "detail.\n\n"
            "Under the EU's ordinary legislative procedure, the Parliament and the Council must "
            "agree on an identical text. The Council, representing member governments, has "
            "generally been the more supportive of the two. In the Parliament, the file sits with "
            "the economic and monetary affairs committee, where competing drafts reflected deep "
            "divisions over whether the instrument should exist at all, and where work was "
            "interrupted by the 2024 European elections."
        ),
        "precedents": (
            "EU financial legislation of comparable complexity has usually taken three to four "
            "years from proposal to adoption. The Markets in Crypto-Assets regulation was proposed "
            "in September 2020 and adopted in 2023. The instant payments regulation, proposed in "
            "October 2022, was adopted in early 2024. The digital euro, proposed in June 2023, "
            "would have matched MiCA's pace only with adoption by mid-2026; it now sits at the "
            "slower end of the range.\n\n"
            "Central bank digital currencies elsewhere offer few encouraging precedents for rapid "
            "take-up. Nigeria's eNaira, launched in 2021, struggled to attract users despite "
            "official promotion, and the Bahamas' Sand Dollar has remained small. China's e-CNY "
            "has been piloted at very large scale but accounts for a small share of retail "
            "payments, where private mobile wallets dominate. None of these cases involves an "
            "economy with the euro area's existing payment infrastructure.\n\n"
            "The closest institutional precedent is the euro itself. Banknotes and coins arrived "
            "in 2002, three years after the currency launched in electronic form in 1999, and the "
            "changeover required years of coordinated preparation by banks and retailers. That "
            "experience underpins the ECB's insistence on a long run-in period, and it is why even "
            "a legislative deal in 2027 leaves a 2029 launch tight, with little room for technical "
            "setbacks."
        ),
        "why_it_matters": (
            "A digital euro would be the first new form of central bank money for the euro area's "
            "roughly 350 million residents since banknotes arrived in 2002. It would reshape "
            "competition in European payments, affect how banks fund themselves and set a "
            "precedent that other large economies are watching closely."
        ),
        "scenarios": [
            {
                "title": "Adopted in 2027, launched in 2029",
                "analysis": (
                    "The Parliament settles its position early in 2027 and negotiations conclude "
                    "within months. The ECB's preparation work allows a launch on its preferred "
                    "timetable."
                ),
                "probability": 35,
            },
            {
                "title": "Adopted in 2027, launch slips to 2030 or later",
                "analysis": (
                    "The law passes late in 2027, leaving too little time to onboard banks and "
                    "merchants. The ECB prioritizes a stable launch over meeting the 2029 date."
                ),
                "probability": 20,
            },
            {
                "title": "Adoption slips to 2028 or later",
                "analysis": (
                    "Divisions in the Parliament delay its position, and negotiations drag on. A "
                    "launch before 2030 becomes very unlikely."
                ),
                "probability": 35,
            },
            {
                "title": "The file stalls indefinitely",
                "analysis": (
                    "Political opposition, or a shift in priorities toward private payment "
                    "solutions, leaves the proposal in limbo. The ECB would keep its preparations "
                    "on hold."
                ),
                "probability": 10,
            },
        ],
        "timeline": [
            {
                "date": "2021-10-XX",
                "title": "Investigation phase begins",
                "description": (
                    "The ECB starts a two-year study of design and distribution options."
                ),
            },
            {
                "date": "2023-06-28",
                "title": "Commission proposes the legal framework",
                "description": (
                    "The draft regulation would establish the digital euro and its legal-tender "
                    "status."
                ),
            },
            {
                "date": "2023-11-XX",
                "title": "Preparation phase begins",
                "description": (
                    "The ECB starts finalizing the rulebook and selecting technology providers."
                ),
            },
            {
                "date": "2025-10-XX",
                "title": "ECB moves to the next phase",
                "description": (
                    "The central bank signals that issuance could come in 2029 if legislation is "
                    "adopted in time."
                ),
            },
            {
                "date": "2027-XX-XX",
                "title": "Possible pilot",
                "description": (
                    "A limited pilot with selected payment providers could begin if the legal "
                    "framework is in place."
                ),
            },
            {
                "date": "2029-XX-XX",
                "title": "Earliest possible issuance",
                "description": (
                    "The first year in which the ECB has said a digital euro could be available to "
                    "the public."
                ),
            },
        ],
        "faq": [
            {
                "question": "Would the digital euro replace cash?",
                "answer": (
                    "No. The proposals explicitly preserve cash as legal tender, and a companion "
                    "regulation aims to protect access to it. The digital euro would be an "
                    "additional option, comparable to a digital form of cash."
                ),
            },
            {
                "question": "Could the ECB see my transactions?",
                "answer": (
                    "Under the proposed design, the ECB would not see personal data linked to "
                    "online payments, which would be handled by the banks and providers "
                    "distributing the digital euro. Offline payments would offer privacy similar "
                    "to cash for small amounts."
                ),
            },
            {
                "question": "Why is there a holding limit?",
                "answer": (
                    "To prevent large and rapid movements of money out of bank deposits, "
                    "particularly during a crisis. Incoming payments above the limit would be "
                    "swept automatically to a linked bank account."
                ),
            },
        ],
    },
    {
        "category": "finance",
        "slug": "europe-t-plus-1-settlement-october-2027",
        "title": "Will Europe's switch to next-day settlement in October 2027 go smoothly?",
        "headline": (
            "The date will almost certainly hold; expect a visible but temporary rise in failed "
            "trades, not a market disruption."
        ),
        "summary": (
            "The EU, the UK and Switzerland plan to shorten the standard settlement cycle for "
            "securities trades from two business days to one on October 11, 2027. Europe's "
            "fragmented market structure makes the move harder than the United States' 2024 "
            "transition. We expect the date to hold and settlement fail rates to rise for a few "
            "weeks before settling back."
        ),
        "authors": [],
        "published_days_ago": 14,
        "updated_days_ago": None,
        "update_note": "",
        "featured": False,
        "outlook": (
            "We put the chance that the EU moves to T+1 settlement on October 11, 2027, as written "
            "into law, at 90 percent. Dates of this kind are rarely moved once legislated and "
            "coordinated across jurisdictions, and the UK and Swiss authorities chose the same day "
            "precisely to avoid misalignment. The remaining 10 percent covers a late postponement "
            "triggered by failed industry testing or a major market event in the months before "
            "migration.\n\n"
            "The harder question is how smooth the switch will be. We expect the rate of failed "
            "settlements in EU equities to rise noticeably in the first month, perhaps by a third "
            "from pre-migration levels, before returning to baseline within a quarter. Fails are "
            "likeliest where chains are longest: a trade executed in one country, cleared in "
            "another and settled at a central securities depository in a third, often involving "
            "custodians in different time zones.\n\n"
            "Foreign-exchange funding is the other pressure point. Asian and American investors "
            "buying European shares must convert currencies within a shorter window, and the "
            "overlap between Asian market hours and European settlement deadlines is narrow. In "
            "the US transition, some investors pre-funded trades or negotiated later cut-offs. We "
            "expect similar workarounds in Europe, which will raise costs for some asset managers "
            "even if headline fail rates look manageable."
        ),
        "background": (
            "Settlement is the exchange of securities for cash after a trade. Europe moved from "
            "three days to two in 2014, harmonizing a patchwork of national cycles. The push to "
            "move to one day accelerated after the United States, Canada and Mexico shifted to T+1 "
            "in May 2024, leaving Europe's longer cycle out of step with North American markets "
            "and creating funding mismatches for global investors who trade on both sides of the "
            "Atlantic.\n\n"
            "The European Securities and Markets Authority published a [report recommending the "
            "move](https://example.org/esma/t1-assessment) in late 2024, proposing October 2027 as "
            "the target. EU lawmakers then amended the Central Securities Depositories Regulation "
            "to write the date into law. The UK's accelerated settlement taskforce recommended the "
            "same date, and Switzerland said it would align, creating a single European migration "
            "weekend rather than a staggered series of national switches.\n\n"
            "Europe's market structure is far more complex than America's. The United States has "
            "essentially one central securities depository for equities and one main clearing "
            "house; the EU has around 30 depositories, several clearing houses and dozens of "
            "trading venues. Industry committees have published detailed recommendations on trade "
            "allocation, confirmation and securities-lending recalls, and much of the work "
            "consists of automating steps that are still handled manually."
        ),
        "precedents": (
            "The US move in May 2024 is the obvious benchmark. It went more smoothly than many "
            "participants had feared: the share of trades affirmed on trade date rose sharply, and "
            "industry data showed settlement fail rates broadly similar to those under T+2 in the "
            "months after migration. Preparation was extensive, including years of planning, a "
            "final industry-wide test and a coordinated switch over a long holiday weekend that "
            "gave firms an extra day to fix problems.\n\n"
            "India offers a second data point. It moved to T+1 in phases between February 2022 and "
            "January 2023, beginning with the smallest listed companies and finishing with the "
            "largest. The phased approach reduced risk but required market participants to run two "
            "settlement cycles at once for almost a year. Europe has chosen a single big-bang date "
            "instead, reflecting the difficulty of running mixed cycles across so many venues and "
            "depositories.\n\n"
            "Europe's own move to T+2 in October 2014 is less often cited but relevant. Most "
            "markets switched on a single date, with Spain following later after reforming its "
            "settlement system, and fail rates rose briefly before normalizing. The transition "
            "took place against a simpler backdrop, with less algorithmic trading and less "
            "reliance on same-day securities lending, but it showed that a coordinated European "
            "migration can be executed on schedule."
        ),
        "why_it_matters": "",
        "scenarios": [
            {
                "title": "On time, with a brief rise in fails",
                "analysis": (
                    "Migration happens on October 11, 2027, and fail rates rise for a few weeks "
                    "before returning to normal. Costs fall mainly on firms that had to rebuild "
                    "processes."
                ),
                "probability": 75,
            },
            {
                "title": "On time, with prolonged disruption",
                "analysis": (
                    "The date holds, but elevated fails persist for more than a quarter, prompting "
                    "regulatory scrutiny of penalty regimes. Cross-border trades and "
                    "exchange-traded funds would be most affected."
                ),
                "probability": 15,
            },
            {
                "title": "Postponement",
                "analysis": (
                    "Failed industry testing or a market shock in 2027 leads authorities to delay "
                    "the switch. A postponement would need to be coordinated across the EU, the UK "
                    "and Switzerland."
                ),
                "probability": 10,
            },
        ],
        "timeline": [
            {
                "date": "2014-10-06",
                "title": "Europe moves to T+2",
                "description": "Most European markets shorten settlement from three days to two.",
            },
            {
                "date": "2024-05-28",
                "title": "United States moves to T+1",
                "description": (
                    "US equities settle one business day after trading for the first time."
                ),
            },
            {
                "date": "2024-11-XX",
                "title": "ESMA recommends T+1",
                "description": "The EU securities regulator proposes October 2027 for the switch.",
            },
            {
                "date": "2027-10-11",
                "title": "Migration day",
                "description": "The EU, the UK and Switzerland move to T+1 settlement together.",
            },
            {
                "date": "2028-XX-XX",
                "title": "Post-migration review",
                "description": (
                    "Regulators assess fail rates, costs and whether further changes are needed."
                ),
            },
        ],
        "faq": [
            {
                "question": "Does this affect retail investors?",
                "answer": (
                    "Mainly behind the scenes. Shares bought will settle a day sooner, and "
                    "proceeds from sales will arrive sooner. Brokers may set earlier deadlines for "
                    "instructions or require funds to be available earlier."
                ),
            },
            {
                "question": "Which instruments move to T+1?",
                "answer": (
                    "Transferable securities traded on trading venues that currently settle on "
                    "T+2, principally shares, bonds and exchange-traded funds. Some transactions, "
                    "such as securities financing trades, follow their own agreed terms."
                ),
            },
            {
                "question": "Why not move straight to same-day settlement?",
                "answer": (
                    "Same-day settlement would require real-time funding and would eliminate much "
                    "of the benefit of netting trades over a day, sharply raising liquidity needs. "
                    "Most market participants see T+1 as the practical limit with today's "
                    "infrastructure."
                ),
            },
        ],
    },
    {
        "category": "gaming",
        "slug": "next-playstation-launch-before-2028-ends",
        "title": "Will the next PlayStation launch before the end of 2028?",
        "headline": (
            "History points to a 2027 or 2028 launch; rising chip and memory costs make the later "
            "date likelier than the earlier one."
        ),
        "summary": (
            "Sony has launched a new home console every five to seven years, which puts a "
            "PlayStation 5 successor in the 2027–28 window. Component costs and the PS5's long "
            "sales tail argue against rushing. We give a 65 percent chance of a launch by the end "
            "of 2028 and just 15 percent for 2027."
        ),
        "authors": ["jonah-whitfield"],
        "published_days_ago": 58,
        "updated_days_ago": 12,
        "update_note": (
            "Clarified how we define a launch and added the PS5 Pro to the timeline; probabilities "
            "unchanged."
        ),
        "featured": False,
        "outlook": (
            "Our central estimate is a holiday 2028 launch. We put the chance of a new PlayStation "
            "on shelves in at least one major market by December 31, 2028, at 65 percent: 15 "
            "percent for 2027 and 50 percent for 2028 itself. The remaining 35 percent covers 2029 "
            "or later. That distribution is slightly later than the simple base rate implies, "
            "because the economics of leading-edge chips have changed since the PS5 generation "
            "began.\n\n"
            "Cost is the main brake. Console makers used to count on die shrinks to cut "
            "manufacturing costs and lower prices over a generation; in the PS5 era, prices "
            "instead rose in several markets, a reversal of the historical pattern. A successor "
            "built on a leading-edge process with more memory would be expensive to make at "
            "launch, and memory prices have been volatile as data centers compete for supply. Sony "
            "can afford to wait while the PS5 family remains profitable.\n\n"
            "The arguments for moving sooner are competitive and technological. Microsoft has "
            "described a long-term hardware partnership with AMD for its next generation, and "
            "Nintendo's Switch 2 has reset expectations for a hybrid device. Rendering techniques "
            "that rely on machine-learning upscaling benefit from dedicated hardware that current "
            "consoles lack. Developers need years of notice, so reveals and development kits tend "
            "to surface 12 to 18 months before launch, which gives us a signal to watch."
        ),
        "background": (
            "The PlayStation 5 launched in November 2020 amid component shortages that constrained "
            "supply for nearly two years. Sony followed with a slimmer model in 2023 and the more "
            "powerful PS5 Pro in November 2024. The console has sold strongly, but its price has "
            "risen rather than fallen in several regions over its life, and the pace of new "
            "first-party releases has been slower than in the PS4 era, as big-budget games take "
            "longer to make.\n\n"
            "Sony has said little in public about a successor, beyond acknowledging long-term work "
            "with AMD on graphics and machine-learning technologies. Supply-chain reports and "
            "[analyst notes](https://example.org/research/console-cycle-outlook) have placed the "
            "launch anywhere from late 2027 to 2029. The company's strategy has also shifted "
            "toward releasing more games on PC and building live-service titles, which reduces its "
            "dependence on any single hardware cycle.\n\n"
            "The console market has matured. Growth in console spending has slowed, hardware "
            "prices have risen and a growing share of revenue comes from a small number of "
            "long-running games and subscriptions. In that environment, a new console's job is "
            "less to expand the audience than to protect the platform's share of spending, which "
            "tilts the calculation toward launching only when a meaningful performance jump can be "
            "delivered at a tolerable price."
        ),
        "precedents": (
            "Sony's own cadence is the base rate. The original PlayStation reached North America "
            "in 1995, followed by the PS2 in 2000, the PS3 in 2006, the PS4 in 2013 and the PS5 in "
            "2020. Gaps of five, six, seven and seven years point to a successor around 2027, and "
            "the lengthening trend points later still. Mid-generation upgrades such as the PS4 Pro "
            "and PS5 Pro now stretch the life of each platform further.\n\n"
            "Microsoft's history shows the cost of launching with the wrong proposition. The Xbox "
            "One arrived in 2013 at a higher price than its rival and with a strategy that "
            "confused buyers, and it never recovered the momentum the Xbox 360 had built. Timing "
            "was only part of the story, but the episode is widely cited in the industry as "
            "evidence that a generation's success depends on price and positioning as much as on "
            "technical leaps.\n\n"
            "Nintendo offers the contrasting precedent of continuity. The Switch sold for more "
            "than eight years before its successor arrived in June 2025, and the Switch 2 kept "
            "backward compatibility and a familiar form factor. Backward compatibility, which Sony "
            "also provided between PS4 and PS5, lowers the cost of upgrading early and reduces the "
            "risk of a thin launch library, making a later, more confident launch easier to "
            "justify."
        ),
        "why_it_matters": (
            "The timing of a new PlayStation shapes development budgets across the industry, "
            "because large studios plan multi-year projects around the hardware their games will "
            "ship on. It also decides when players face their next big hardware purchase, and "
            "whether this generation's high prices become the new normal."
        ),
        "scenarios": [
            {
                "title": "Launch in 2027",
                "analysis": (
                    "Sony moves early to get ahead of Microsoft's next console and to capitalize "
                    "on new rendering hardware. This would require a reveal by early 2027 at the "
                    "latest."
                ),
                "probability": 15,
            },
            {
                "title": "Launch in 2028",
                "analysis": (
                    "A holiday 2028 launch follows a 2027 reveal and gives developers time to "
                    "prepare a strong lineup. This fits both the historical cadence and current "
                    "cost pressures."
                ),
                "probability": 50,
            },
            {
                "title": "Launch in 2029 or later",
                "analysis": (
                    "High component costs or a strong PS5 sales tail persuade Sony to wait. The "
                    "PS5 generation would then become the longest in the brand's history."
                ),
                "probability": 35,
            },
        ],
        "timeline": [
            {
                "date": "2013-11-15",
                "title": "PS4 launches in North America",
                "description": "The generation that made Sony the market leader begins.",
            },
            {
                "date": "2020-11-12",
                "title": "PS5 launches",
                "description": "The current console arrives amid global chip shortages.",
            },
            {
                "date": "2024-11-07",
                "title": "PS5 Pro released",
                "description": (
                    "A mid-generation upgrade adds graphics power and machine-learning upscaling."
                ),
            },
            {
                "date": "2025-06-05",
                "title": "Switch 2 launches",
                "description": (
                    "Nintendo's successor arrives after more than eight years of the original "
                    "Switch."
                ),
            },
            {
                "date": "2027-XX-XX",
                "title": "Likely reveal window",
                "description": (
                    "Development kits and a public reveal would typically precede launch by 12 to "
                    "18 months."
                ),
            },
            {
                "date": "2028-11-XX",
                "title": "Our central launch estimate",
                "description": (
                    "A holiday 2028 release would fit Sony's cadence and current cost pressures."
                ),
            },
        ],
        "faq": [
            {
                "question": "Will PS5 games work on the next PlayStation?",
                "answer": (
                    "Sony has not confirmed details, but it supported most PS4 games on PS5, and "
                    "backward compatibility has become an industry norm. We consider it very "
                    "likely."
                ),
            },
            {
                "question": "Why not launch sooner with cheaper chips?",
                "answer": (
                    "Using an older manufacturing process would limit the performance gain and "
                    "undermine the reason to upgrade. Console makers generally wait until a new "
                    "process offers a large enough jump to justify a new generation."
                ),
            },
            {
                "question": "Could Sony skip dedicated hardware altogether?",
                "answer": (
                    "It is possible in the long run as cloud streaming improves. But network "
                    "quality and the cost of streaming high-end games make a fully cloud-based "
                    "PlayStation unlikely this decade."
                ),
            },
        ],
    },
    {
        "category": "gaming",
        "slug": "league-of-legends-worlds-2027-western-team-chances",
        "title": "Can a Western team win League of Legends' world championship in 2027?",
        "headline": (
            "Almost certainly not: we give teams from Europe and the Americas about a 4 percent "
            "chance of lifting the 2027 trophy."
        ),
        "summary": (
            "Every League of Legends World Championship since 2013 has been won by a team from "
            "Korea's LCK or China's LPL. International results show the gap narrowing only in "
            "flashes. Our model gives Western teams a combined 4 percent chance in 2027, with "
            "Korea favored over China."
        ),
        "authors": ["jonah-whitfield", "elena-marsh"],
        "published_days_ago": 25,
        "updated_days_ago": None,
        "update_note": "",
        "featured": False,
        "outlook": (
            "We give LCK teams a 58 percent chance of winning the 2027 World Championship, LPL "
            "teams 36 percent and Western teams about 4 percent, with the small remainder spread "
            "across other regions. Those numbers come from simulating the tournament with ratings "
            "built on international results since 2019, adjusted for roster continuity. They are "
            "more generous to outsiders than raw history would suggest, because small samples and "
            "balance changes create genuine uncertainty.\n\n"
            "Korea's edge rests on depth. Its league routinely sends three or four teams capable "
            "of reaching the semifinals, and its development system keeps producing players who "
            "later move abroad. China's league has the financial muscle and an enormous player "
            "base but has lost ground internationally in recent years. The tournament's game "
            "version matters too: patches that reward coordinated early aggression have "
            "historically suited some regions better than others.\n\n"
            "We estimate that the best Western team has roughly a 30 percent chance of reaching "
            "the quarterfinals and under a 10 percent chance of reaching the final. To go all the "
            "way, several things would need to happen at once:\n"
            "- a strong roster reaching peak form in October rather than in spring;\n"
            "- a bracket that avoids the strongest Korean sides until late;\n"
            "- at least one best-of-five series decided by a handful of pivotal fights."
        ),
        "background": (
            "Riot Games' League of Legends World Championship is one of the most-watched annual "
            "events in esports, with peak audiences in the millions even before Chinese platforms "
            "are counted. Regional leagues qualify teams through domestic seasons and playoffs, "
            "with more places for regions that have performed better internationally. The format "
            "now includes a Swiss-style stage before single-elimination knockout rounds, which "
            "gives stronger teams room to recover from a single bad game.\n\n"
            "The first two world titles went to Europe's Fnatic in 2011 and Taiwan's Taipei "
            "Assassins in 2012, when the competitive scene was young. From 2013, Korean teams won "
            "five straight championships before Chinese teams broke through in 2018 and 2019. "
            "Since 2020, Korean teams have won most titles. The best Western result in that time "
            "remains a final appearance by the European team G2 Esports in 2019.\n\n"
            "The economics of Western esports have tightened. North American and European leagues "
            "have restructured, salaries have fallen and revenue-sharing arrangements with team "
            "owners have changed, and some organizations have left altogether. That has led to "
            "younger, locally developed rosters and fewer expensive imports, which may pay off "
            "over time but has not yet translated into international success. Our [regional "
            "strength index](https://example.org/esports/regional-strength-index) tracks these "
            "shifts season by season."
        ),
        "precedents": (
            "The base rate is stark. Across every world championship from 2013 onward, no team "
            "from outside Korea and China has won, and Western teams have reached the final only "
            "once. The Mid-Season Invitational, the other major international event, shows a "
            "similar pattern, with a European title in 2019 the lone exception. A naive base rate "
            "would put Western chances near zero; our 4 percent reflects honest uncertainty rather "
            "than any expected improvement.\n\n"
            "Other esports show that dominant regions can be overtaken. In Counter-Strike, major "
            "titles have rotated among European, CIS and Brazilian teams, with an American team "
            "occasionally breaking through. In Dota 2, The International has been won by teams "
            "based in Europe, China and North America over the past decade. Those games have more "
            "international mobility of players, which spreads skill more evenly, while League's "
            "regional leagues have tended to keep talent concentrated.\n\n"
            "The closest League precedent for a surprise champion is 2022, when a Korean team that "
            "had qualified as its league's fourth seed won the whole tournament, beating two "
            "heavily favored opponents in the knockout rounds. It shows that a team outside the "
            "favorites can catch fire over a few weeks. It also shows the limits of that lesson "
            "for Western hopes: even the underdog champion came from the strongest region."
        ),
        "why_it_matters": (
            "Western competitiveness underpins the commercial case for esports leagues in North "
            "America and Europe, where sponsors and media partners want local teams with a "
            "realistic shot at global titles. A breakthrough would revive investment; continued "
            "dominance by Korean and Chinese teams strengthens the argument that the sport's "
            "center of gravity lies firmly in Asia."
        ),
        "scenarios": [
            {
                "title": "A Korean team wins",
                "analysis": (
                    "The LCK's depth puts several teams in contention, so even an off year for its "
                    "top seed leaves strong alternatives. This is the most likely outcome by a "
                    "wide margin."
                ),
                "probability": 58,
            },
            {
                "title": "A Chinese team wins",
                "analysis": (
                    "The LPL's top teams remain genuine contenders, especially on patches that "
                    "favor aggressive early play. A title would end a run of Korean success."
                ),
                "probability": 36,
            },
            {
                "title": "A Western team wins",
                "analysis": (
                    "A European or American team would need peak form and a kind bracket. It would "
                    "be the first Western title since 2011."
                ),
                "probability": 4,
            },
            {
                "title": "A team from another region wins",
                "analysis": (
                    "Teams from the Pacific and Vietnamese leagues have produced memorable upsets "
                    "but no deep knockout runs. Our sample is too small to price this reliably, so "
                    "we leave it unquantified, though it is clearly small."
                ),
                "probability": None,
            },
        ],
        "timeline": [
            {
                "date": "2011-06-XX",
                "title": "Fnatic win the first world title",
                "description": "A European team wins the inaugural championship in Sweden.",
            },
            {
                "date": "2019-11-10",
                "title": "G2 Esports reach the final",
                "description": "The best Western result of the modern era ends in defeat in Paris.",
            },
            {
                "date": "2022-11-05",
                "title": "A fourth seed wins it all",
                "description": "Korea's DRX complete a run from the play-in stage to the title.",
            },
            {
                "date": "2024-11-02",
                "title": "T1 retain the title in London",
                "description": (
                    "The Korean team beats China's Bilibili Gaming in a five-game final."
                ),
            },
            {
                "date": "2027-XX-XX",
                "title": "Regional seasons and Mid-Season Invitational",
                "description": (
                    "Spring and summer results determine seeding and form heading into Worlds."
                ),
            },
            {
                "date": "2027-10-XX",
                "title": "2027 World Championship begins",
                "description": (
                    "The Swiss stage opens the tournament, followed by the knockout rounds."
                ),
            },
        ],
        "faq": [
            {
                "question": "Which regions count as Western?",
                "answer": (
                    "We include teams from the European LEC and the North and South American "
                    "leagues. Teams from other regions, such as the Pacific and Vietnamese "
                    "leagues, are counted separately."
                ),
            },
            {
                "question": "Why is Korea favored over China?",
                "answer": (
                    "Recent international results favor Korean teams, especially in best-of-five "
                    "knockout series. China's league remains strong, and our 36 percent figure "
                    "reflects that it is a genuine contender."
                ),
            },
            {
                "question": "Does the game version matter?",
                "answer": (
                    "Yes. Riot typically locks a specific patch for the tournament, and changes to "
                    "champion strength can favor particular styles of play. We update our ratings "
                    "once the tournament patch is announced."
                ),
            },
        ],
    },
    {
        "category": "gaming",
        "slug": "xbox-game-pass-price-increase-2027",
        "title": "Will Xbox Game Pass Ultimate cost more by the end of 2027?",
        "headline": (
            "Another increase somewhere in Game Pass is likely, but after a 50 percent jump in "
            "2025 the next move will probably skip the headline price."
        ),
        "summary": (
            "Microsoft raised the price of Game Pass Ultimate three times between 2023 and 2025, "
            "most recently to $29.99 a month in the United States. Subscription businesses rarely "
            "cut list prices, but they also rarely follow a steep rise with another one quickly. "
            "We give a 40 percent chance of a higher US Ultimate price by December 31, 2027, and a "
            "70 percent chance of some increase across Game Pass tiers or major markets."
        ),
        "authors": ["jonah-whitfield"],
        "published_days_ago": 3,
        "updated_days_ago": None,
        "update_note": "",
        "featured": False,
        "outlook": (
            "We estimate a 40 percent chance that the US list price of Game Pass Ultimate rises "
            "above $29.99 before the end of 2027. That is lower than the naive base rate from 2023 "
            "to 2025, when the price rose roughly once a year, because the 2025 increase was "
            "unusually large and drew a strong reaction from subscribers. Companies that take a "
            "big step typically pause to let cancellations settle and to demonstrate added value "
            "before asking for more.\n\n"
            "A broader increase is more likely. We put a 70 percent chance on at least one Game "
            "Pass tier rising in price in the United States, or on Ultimate rising in at least one "
            "major European or Asian market, by the end of 2027. Regional pricing has lagged the "
            "US in some markets, and the lower tiers, which do not include new releases on launch "
            "day, have more room to move without provoking the same reaction.\n\n"
            "Three things would change our view. A decision to stop putting major new releases "
            "into the subscription on launch day would reduce the pressure to raise prices. A jump "
            "in subscriber numbers disclosed in Microsoft's earnings would suggest the current "
            "price is sustainable. And the next hardware generation could push the other way, "
            "toward bundling Game Pass with new devices at a discount while raising the standalone "
            "price."
        ),
        "background": (
            "Game Pass launched in 2017 as a catalog of older games and gained momentum when "
            "Microsoft began adding its own new releases on launch day. The Ultimate tier, which "
            "bundles console, PC and cloud play with online multiplayer, became the flagship. "
            "After Microsoft completed its acquisition of Activision Blizzard in 2023, the value "
            "of launch-day access rose sharply, and so did the cost of giving up full-price sales "
            "of major franchises.\n\n"
            "Prices moved upward in steps. In 2023 Ultimate rose from $14.99 to $16.99 a month. In "
            "2024 it rose to $19.99, and Microsoft introduced a cheaper tier without launch-day "
            "releases. In October 2025 the company reorganized its tiers, adding benefits to "
            "Ultimate and raising its price to $29.99. [Our price "
            "tracker](https://example.org/trackers/game-subscription-prices) records every change "
            "by market and tier, including promotional prices.\n\n"
            "The wider subscription economy has moved the same way. Video streaming services have "
            "raised prices repeatedly since 2022, introduced ad-supported tiers and cracked down "
            "on password sharing. Sony restructured PlayStation Plus into tiers in 2022 and raised "
            "prices on annual plans in 2023. Consumers have tolerated these increases more than "
            "many analysts expected, but cancellations tend to rise after each step, and companies "
            "have become more careful about timing."
        ),
        "precedents": (
            "Streaming video offers the richest base rate. Large services have raised the price of "
            "their main US plans roughly every 12 to 24 months since 2019, but a 50 percent rise "
            "in a single step is rare. After large steps, services have more often adjusted "
            "cheaper tiers or regional prices first and returned to the flagship tier later. That "
            "pattern informs our split between a 40 percent headline forecast and a 70 percent "
            "forecast for a broader increase.\n\n"
            "Gaming subscriptions have their own precedents. Nintendo launched a premium expansion "
            "tier for its online service in 2021 at a large markup over the base plan and has kept "
            "those prices largely stable since. Sony's 2023 increase to annual PlayStation Plus "
            "plans was followed by a long pause in US price changes. Both companies appear to "
            "treat price stability after a large step as part of the value they offer "
            "subscribers.\n\n"
            "Microsoft's own history shows it is willing to move hardware and service prices "
            "together. It raised Xbox console prices in 2025, citing market conditions, around the "
            "time of the Game Pass change. If the company keeps treating gaming as a margin "
            "business rather than a pure growth business, further increases become likelier; if it "
            "wants to grow subscribers ahead of new hardware, it may hold prices steady to attract "
            "players."
        ),
        "why_it_matters": (
            "Game Pass is the clearest test of whether a *Netflix for games* model can support the "
            "cost of big-budget development. Its price path will influence whether other "
            "publishers launch games into subscriptions or keep selling them individually, and it "
            "directly affects what gaming costs millions of households."
        ),
        "scenarios": [
            {
                "title": "Ultimate rises again in the US",
                "analysis": (
                    "Microsoft raises the headline price above $29.99, most likely alongside added "
                    "benefits or a major new release. Cancellations rise briefly but revenue per "
                    "subscriber grows."
                ),
                "probability": 40,
            },
            {
                "title": "Other tiers or regions rise instead",
                "analysis": (
                    "The US Ultimate price holds, but cheaper tiers or prices in major overseas "
                    "markets go up. This follows the usual pattern after a large step."
                ),
                "probability": 30,
            },
            {
                "title": "No increases anywhere",
                "analysis": (
                    "Microsoft holds prices to rebuild subscriber growth ahead of new hardware. It "
                    "may instead add ad-supported or bundled options."
                ),
                "probability": 25,
            },
            {
                "title": "Price cut or major restructuring",
                "analysis": (
                    "Weak subscriber numbers prompt a cheaper Ultimate or a redesign of the tiers. "
                    "This would be unusual for a subscription of this size."
                ),
                "probability": 5,
            },
        ],
        "timeline": [
            {
                "date": "2017-06-XX",
                "title": "Game Pass launches",
                "description": "Microsoft introduces a subscription catalog of older Xbox games.",
            },
            {
                "date": "2023-07-XX",
                "title": "First Ultimate price rise",
                "description": "The US price moves from $14.99 to $16.99 a month.",
            },
            {
                "date": "2023-10-13",
                "title": "Activision Blizzard deal completes",
                "description": (
                    "Microsoft's largest acquisition adds major franchises to its catalog."
                ),
            },
            {
                "date": "2024-09-XX",
                "title": "Ultimate reaches $19.99",
                "description": (
                    "A new tier without launch-day releases is introduced at the same time."
                ),
            },
            {
                "date": "2025-10-XX",
                "title": "Ultimate rises to $29.99",
                "description": (
                    "Microsoft reorganizes its tiers and raises the flagship price by half."
                ),
            },
            {
                "date": "2027-XX-XX",
                "title": "Window for the next pricing decision",
                "description": (
                    "Two years after the last step, the point at which subscription businesses "
                    "often revisit prices."
                ),
            },
        ],
        "faq": [
            {
                "question": "Do existing subscribers pay a new price immediately?",
                "answer": (
                    "It depends. Microsoft has sometimes protected existing subscribers for a "
                    "period or applied increases at renewal, and terms vary by market and by "
                    "whether a plan is monthly or prepaid."
                ),
            },
            {
                "question": "Why would Microsoft raise prices when it wants more subscribers?",
                "answer": (
                    "Putting large new releases into the subscription on launch day is expensive, "
                    "because each subscriber who plays instead of buying represents a lost sale. "
                    "Higher prices offset some of that cost, even if growth slows."
                ),
            },
            {
                "question": "Can I lock in today's price by prepaying?",
                "answer": (
                    "Microsoft has limited how far ahead subscribers can prepay and has changed "
                    "the rules over time. We would not plan around such workarounds, because terms "
                    "can change with little notice."
                ),
            },
        ],
    },
    {
        "category": "gaming",
        "slug": "eu-digital-fairness-act-loot-boxes-minors",
        "title": "Will the EU's Digital Fairness Act curb loot boxes for minors by 2028?",
        "headline": (
            "A restriction on selling paid random rewards to minors is likely to feature in the "
            "proposal; a law that applies before 2029 is not."
        ),
        "summary": (
            "The European Commission is preparing a Digital Fairness Act to tackle manipulative "
            "design, including loot boxes and in-game currencies. Consumer authorities have "
            "already set out principles that push publishers toward clearer pricing. We give a 70 "
            "percent chance that the Commission's proposal restricts paid loot boxes for minors, "
            "but only 15 percent that binding EU-wide rules apply before 2029."
        ),
        "authors": ["samir-haddad", "jonah-whitfield"],
        "published_days_ago": 11,
        "updated_days_ago": None,
        "update_note": "",
        "featured": False,
        "outlook": (
            "We assign a 70 percent chance that the Commission's Digital Fairness Act proposal "
            "includes specific restrictions on paid random-reward mechanics, most likely a ban or "
            "strict limits on offering them to minors. The Commission's consultation explicitly "
            "raised loot boxes and virtual currencies, the European Parliament called for action "
            "in a 2023 resolution, and national regulators have pressed for a common EU approach "
            "rather than a patchwork of national gambling rulings.\n\n"
            "Timing is the constraint. Even a fast EU legislative process takes 18 to 24 months "
            "from proposal to adoption, and consumer-protection rules usually allow 12 to 24 "
            "months after that before they apply. Whenever the Commission tables its text, which "
            "its work program has pointed toward the second half of 2026, binding rules would "
            "realistically apply in 2029 or later. We give only a **15 percent** chance of "
            "enforceable EU-wide loot box rules before January 1, 2029.\n\n"
            "Industry will not wait passively. Several large publishers have already removed paid "
            "loot boxes from some games in Belgium and adjusted virtual-currency pricing in "
            "response to consumer authorities. We expect more voluntary changes, such as showing "
            "real-money prices next to virtual-currency costs and offering direct purchases of "
            "specific items, as companies try to shape the final law. Those changes could arrive "
            "well before any legal deadline."
        ),
        "background": (
            "Loot boxes are virtual items, bought with real or virtual currency, that yield "
            "randomized rewards. Critics argue they resemble gambling and exploit young players; "
            "publishers argue they are optional and that players always receive something of "
            "value. Most research has found a correlation between loot-box spending and measures "
            "of problem gambling, though the direction of causation remains debated. Our [research "
            "digest](https://example.org/research/loot-box-evidence-review) summarizes the main "
            "studies.\n\n"
            "In March 2025 the EU's network of consumer-protection authorities published key "
            "principles on in-game virtual currencies. They said prices should be clearly shown in "
            "real money, that currencies should not be designed to obscure costs and that games "
            "should take account of the vulnerability of children. The principles interpret "
            "existing law rather than create new obligations, but they signal how regulators "
            "intend to apply consumer rules to games.\n\n"
            "The Digital Fairness Act grew out of the Commission's 2024 fitness check of EU "
            "consumer law, which concluded that existing rules did not adequately address dark "
            "patterns, addictive design, unfair personalization and problems with digital "
            "subscriptions. Games are only one part of the initiative, which also covers social "
            "media and online shopping. That breadth is a strength, because it attracts wide "
            "political support, and a risk, because loot boxes could be traded away in "
            "negotiations over larger issues."
        ),
        "precedents": (
            "Belgium is the most cited precedent. In 2018 its gaming regulator concluded that paid "
            "loot boxes in several popular games constituted gambling under national law, and "
            "publishers removed or disabled them for Belgian players. Later research found that "
            "many games still offered loot boxes in Belgium, pointing to weak enforcement. The "
            "lesson for EU lawmakers is that a ban without resources for monitoring can have "
            "limited practical effect.\n\n"
            "The Netherlands offers a cautionary legal precedent. The Dutch gambling authority "
            "fined a major publisher over loot boxes in a football game, but the country's highest "
            "administrative court overturned the decision in 2022, finding that the packs were "
            "part of a broader game of skill rather than a standalone game of chance. That ruling "
            "helps explain why many regulators now prefer consumer-protection law, which focuses "
            "on fairness and transparency, to gambling law.\n\n"
            "Elsewhere, approaches vary. The United Kingdom decided in 2022 against new "
            "legislation, relying instead on industry principles introduced in 2023. Brazil "
            "adopted a law in 2025 restricting loot boxes in games aimed at children and "
            "adolescents, and China has long required publishers to disclose drop probabilities. "
            "An EU rule restricting sales to minors would sit between these models and create the "
            "largest single market with a binding, age-based standard."
        ),
        "why_it_matters": (
            "The EU is the largest market considering binding rules on in-game monetization, and "
            "global publishers often apply EU rules worldwide rather than maintain separate "
            "versions. A restriction on loot boxes for minors would affect game design well beyond "
            "Europe, shaping how sports, shooter and mobile games make money."
        ),
        "scenarios": [
            {
                "title": "Restrictions proposed, applying from 2029 or later",
                "analysis": (
                    "The proposal limits paid loot boxes for minors, but negotiations and a "
                    "transition period push application beyond 2028. Publishers adjust designs in "
                    "advance."
                ),
                "probability": 55,
            },
            {
                "title": "Binding rules apply before 2029",
                "analysis": (
                    "A fast-tracked negotiation and a short transition period bring restrictions "
                    "into force by the end of 2028. This would require unusual speed on a broad "
                    "file."
                ),
                "probability": 15,
            },
            {
                "title": "Transparency rules only",
                "analysis": (
                    "The proposal focuses on price disclosure and virtual-currency rules without "
                    "restricting random rewards. Loot boxes remain legal but must be clearly "
                    "priced."
                ),
                "probability": 25,
            },
            {
                "title": "No games-specific provisions",
                "analysis": (
                    "Games are left to general rules on dark patterns and existing consumer law. "
                    "National gambling regulators remain the main actors."
                ),
                "probability": 5,
            },
        ],
        "timeline": [
            {
                "date": "2018-04-XX",
                "title": "Belgian regulator's finding",
                "description": (
                    "Paid loot boxes in several games are judged to be illegal gambling under "
                    "Belgian law."
                ),
            },
            {
                "date": "2022-03-XX",
                "title": "Dutch court overturns a fine",
                "description": (
                    "The highest administrative court rules against the gambling authority in a "
                    "loot box case."
                ),
            },
            {
                "date": "2023-01-18",
                "title": "European Parliament resolution",
                "description": (
                    "Lawmakers call for stronger consumer protection in online video games."
                ),
            },
            {
                "date": "2025-03-XX",
                "title": "Consumer authorities publish principles",
                "description": (
                    "EU enforcers set out how consumer law applies to in-game virtual currencies."
                ),
            },
            {
                "date": "2026-XX-XX",
                "title": "Commission proposal slated",
                "description": (
                    "The Commission's work program places the Digital Fairness Act proposal in the "
                    "second half of the year."
                ),
            },
            {
                "date": "2028-XX-XX",
                "title": "Earliest realistic adoption",
                "description": (
                    "A political agreement and formal adoption could come this year at the "
                    "earliest."
                ),
            },
        ],
        "faq": [
            {
                "question": "Would a ban affect adults?",
                "answer": (
                    "The most discussed options target minors, through age checks or by banning "
                    "the mechanic in games likely to be played by children. A ban for all players "
                    "is possible but, in our estimate, less likely."
                ),
            },
            {
                "question": "What counts as a loot box?",
                "answer": (
                    "Generally, any paid mechanic that delivers a randomized item whose value the "
                    "player does not know before paying. Definitions vary, and whether free loot "
                    "boxes earned through play are included will be an important detail of any law."
                ),
            },
            {
                "question": "Would games have to show real-money prices?",
                "answer": (
                    "That is already the direction of the consumer authorities' 2025 principles, "
                    "which say virtual-currency costs should be presented so consumers understand "
                    "the real-money price. A new law would likely make this explicit."
                ),
            },
            {
                "question": "Why not simply treat loot boxes as gambling?",
                "answer": (
                    "Gambling law is largely national in the EU, and courts have disagreed on "
                    "whether loot boxes meet the legal definition. Consumer law allows a single "
                    "EU-wide standard without resolving that question."
                ),
            },
        ],
    },
]
