"""newsclean: clean scraped news into a trustworthy corpus and a per-source reliability table."""

from setuptools import find_packages, setup

setup(
    name="newsclean",
    version="0.1.0",
    description="Batch pipeline (Luigi) that strips boilerplate from scraped news, detects languages and "
    "translation artifacts, and scores each source's sourcing and hedging.",
    packages=find_packages(include=["pipeline", "pipeline.*"]),
    python_requires=">=3.10",
    install_requires=[
        "trafilatura>=2.0,<3",
        "lxml_html_clean>=0.4",  # trafilatura's jusText import fails without it on lxml >= 5.2
        "luigi>=3.5,<4",
        "sqlalchemy<2",  # luigid's task history crashes at start with SQLAlchemy 2 under luigi 3.8
        "langdetect==1.0.9",
        "lingua-language-detector>=2.1,<3",
        "py3langid>=0.3",
        "pandas>=2.0",
        "pyarrow>=14",
        "numpy>=1.24",
        "scikit-learn==1.9.1",  # the line model export reads its tree internals
        "tldextract>=5.0",
        "warcio>=1.7",
        "charset-normalizer>=3.0",
        "ftfy>=6.1",
        "wordfreq>=3.0",
        "google-re2>=1.1",
    ],
    extras_require={
        "test": ["pytest>=8", "hypothesis>=6.100", "playwright>=1.40"],
    },
    entry_points={"console_scripts": ["newsclean = pipeline.cli:main"]},
)
